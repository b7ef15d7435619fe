package io.coffer.release;

/**
 * Where a release's signed manifest is: present once the release is approved.
 *
 * @param sha256 digest of the signed manifest document as served
 * @param keyId the id of the key that signed it ({@link SigningKey#keyId()})
 * @param signedAt ISO-8601 UTC time of the signature (the freeze)
 */
public record ManifestInfo(String sha256, String keyId, String signedAt) {}
