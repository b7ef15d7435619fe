package io.coffer.release;

/**
 * A file of test evidence attached to a release: a blob in the physical store, named within the
 * release.
 *
 * @param name the name given to it, e.g. {@code load-test-report.pdf}
 * @param sha256 the blob's digest, 64 lower-case hex characters
 * @param size its size in bytes
 * @param addedAt ISO-8601 UTC time it was attached
 */
public record Evidence(String name, String sha256, long size, String addedBy, String addedAt) {}
