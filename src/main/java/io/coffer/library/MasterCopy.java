package io.coffer.library;

import io.coffer.store.Digest;

/**
 * Where the bytes of a named file are kept: what a download by product, version and file name
 * needs to send them.
 *
 * @param digest the blob in the physical store
 * @param fileName the name the file was pushed under
 * @param mediaType the media type recorded when it was pushed
 */
public record MasterCopy(Digest digest, String fileName, String mediaType) {}
