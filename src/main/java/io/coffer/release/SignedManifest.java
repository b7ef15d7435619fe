package io.coffer.release;

/**
 * A manifest with the server's signature over its canonical JSON.
 *
 * @param algorithm always {@code Ed25519}
 * @param keyId the first 16 hex characters of the SHA-256 of the public key's encoded form
 * @param signature base64 of the 64-byte Ed25519 signature
 */
public record SignedManifest(Manifest manifest, String algorithm, String keyId, String signature) {}
