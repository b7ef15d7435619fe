package io.coffer.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The physical store: master copies addressed by their SHA-256 digest. The same bytes are stored
 * once, whoever sends them and under whatever name.
 *
 * <p>Writing is two-phase so that the library can inspect a file before deciding to keep it:
 * {@link #stage} streams the bytes into a private temporary file while hashing them, and the
 * returned {@link StagedBlob} is then either committed (made visible under its digest, durably) or
 * discarded. A crash at any point leaves either the whole blob or nothing visible.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Streams {@code in} to a temporary file, hashing as it goes; never holds the content in memory.
     *
     * @param expected the digest the sender claims, or null; a mismatch throws
     *     {@link BlobIntegrityException} and keeps nothing
     * @param expectedLength the length the sender declared, or -1 when unknown; a mismatch throws
     *     {@link BlobIntegrityException} and keeps nothing
     * @throws IOException when reading {@code in} or writing the file fails; nothing is kept
     */
    StagedBlob stage(InputStream in, Digest expected, long expectedLength) throws IOException;

    /** Whether a blob with this digest is present. */
    boolean contains(Digest digest);

    /** The size in bytes of a present blob, or empty. */
    Optional<Long> size(Digest digest);

    /**
     * Opens a present blob for reading from any position.
     *
     * @throws NoSuchBlobException when it is not present
     */
    SeekableByteChannel open(Digest digest) throws IOException;

    /** The digests of all present blobs, in no particular order. The caller closes the stream. */
    Stream<Digest> digests() throws IOException;

    /** Total bytes held, approximately. */
    long bytesUsed() throws IOException;

    @Override
    void close();
}
