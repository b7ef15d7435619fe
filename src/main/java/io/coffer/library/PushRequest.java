package io.coffer.library;

import io.coffer.store.Digest;

/**
 * A file arriving for the library, with what the librarian said about it. Every field but
 * {@code fileName} may be null; given values override what inspection reads from the file.
 *
 * @param scheme version scheme for a product created by this push (semver, debian, ...)
 * @param kind external or internal, for a product created by this push
 * @param location offline place holding the physical media, recorded with the media item
 * @param expectedDigest what the client says the bytes hash to; a mismatch keeps nothing
 * @param expectedLength bytes the client declared, or -1
 */
public record PushRequest(String fileName, String product, String version, String supplier, String license,
        String description, String location, String scheme, String kind, Digest expectedDigest,
        long expectedLength) {

    /** A request naming only the file. */
    public static PushRequest of(String fileName) {
        return new PushRequest(fileName, null, null, null, null, null, null, null, null, null, -1);
    }
}
