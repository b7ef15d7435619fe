package io.coffer.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.coffer.Json;

/**
 * The signed manifest as served and stored: {@code {"manifest":{...},"signature":{"algorithm":
 * "Ed25519","keyId":"...","value":"base64"}}}. The signature is over
 * {@link SigningKey#canonicalBytes} of the {@code manifest} member, so a verifier parses the
 * document, takes that member and checks the signature with the public key; the document's own
 * formatting does not matter.
 */
public record ManifestDocument(Manifest manifest, Signature signature) {

    /**
     * The signature over the manifest.
     *
     * @param algorithm always {@code Ed25519}
     * @param keyId the signing key's id ({@link SigningKey#keyId(java.security.PublicKey)})
     * @param value base64 of the 64-byte signature
     */
    public record Signature(String algorithm, String keyId, String value) {}

    /** The document of a signed manifest. */
    public static ManifestDocument of(SignedManifest signed) {
        return new ManifestDocument(signed.manifest(), new Signature(signed.algorithm(), signed.keyId(),
                signed.signature()));
    }

    /**
     * Reads a document.
     *
     * @throws IllegalArgumentException when the text is not such a document
     */
    public static ManifestDocument parse(String json) {
        try {
            ManifestDocument doc = Json.MAPPER.readValue(json, ManifestDocument.class);
            if (doc.manifest() == null || doc.signature() == null) {
                throw new IllegalArgumentException("not a signed manifest: 'manifest' or 'signature' is missing");
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a signed manifest: " + e.getOriginalMessage(), e);
        }
    }

    /** The document as canonical JSON text, the form stored and served. */
    public String toJson() {
        return Json.canonical(this);
    }
}
