package io.coffer.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bytes received and hashed but not yet visible in the store. Exactly one of {@link #commit()} or
 * {@link #close()} decides its fate; closing an uncommitted blob discards it.
 */
public interface StagedBlob extends AutoCloseable {

    Digest digest();

    long size();

    /** A local file holding the bytes, readable until commit or close; used for inspection. */
    Path file();

    /**
     * Makes the blob visible under its digest, durably. If the store already held the same bytes the
     * staged copy is dropped and the call reports that.
     *
     * @return true when the bytes were new to the store
     */
    boolean commit() throws IOException;

    /** Discards the bytes unless committed. Idempotent. */
    @Override
    void close();
}
