package io.coffer.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The physical store on a local file system.
 *
 * <p>Layout: {@code blobs/ab/cd/abcd...} for a blob whose digest starts with {@code abcd}, and
 * {@code tmp/} for bytes in flight. Temporary files live on the same file system as the blobs so
 * that committing is a rename. A blob becomes visible only after its bytes are fsynced, the rename
 * is done and the directory holding it is fsynced; so after a crash a blob path holds the whole
 * blob or does not exist. Whatever remains in {@code tmp/} at start belonged to writes that never
 * committed and is swept.
 */
public final class LocalBlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(LocalBlobStore.class);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** Large enough that one syscall and one digest update move a useful amount of data. */
    private static final int CHUNK = 1 << 20;

    /** Master copies may be licensed or confidential: readable by the server's account only. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path root;
    private final Path blobs;
    private final Path tmp;

    private LocalBlobStore(Path root) {
        this.root = root;
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
    }

    /**
     * Opens (creating when needed) a store under {@code root} and sweeps temporary leftovers of
     * writes that never committed.
     */
    public static LocalBlobStore open(Path root) throws IOException {
        LocalBlobStore store = new LocalBlobStore(root.toAbsolutePath());
        Files.createDirectories(store.blobs);
        Files.createDirectories(store.tmp);
        store.sweep();
        return store;
    }

    public Path root() {
        return root;
    }

    private void sweep() throws IOException {
        int swept = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                swept++;
            }
        }
        if (swept > 0) {
            log.warn("Swept {} temporary file(s) left by interrupted writes in {}", swept, tmp);
        }
    }

    @Override
    public StagedBlob stage(InputStream in, Digest expected, long expectedLength) throws IOException {
        Path file = tmp.resolve(UUID.randomUUID() + ".part");
        MessageDigest sha256 = newSha256();
        long size = 0;
        boolean ok = false;
        try (FileChannel out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OWNER_ONLY)) {
            byte[] buffer = new byte[CHUNK];
            ByteBuffer view = ByteBuffer.wrap(buffer);
            int n;
            while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                sha256.update(buffer, 0, n);
                view.clear().limit(n);
                while (view.hasRemaining()) {
                    out.write(view);
                }
                size += n;
                if (expectedLength >= 0 && size > expectedLength) {
                    throw new BlobIntegrityException("received more than the declared " + expectedLength
                            + " bytes; nothing was kept");
                }
            }
            if (expectedLength >= 0 && size != expectedLength) {
                throw new BlobIntegrityException("received " + size + " bytes but " + expectedLength
                        + " were declared; nothing was kept");
            }
            Digest actual = Digest.ofBytes(sha256.digest());
            if (expected != null && !expected.equals(actual)) {
                throw new BlobIntegrityException("the bytes received hash to " + actual + " but the client expected "
                        + expected + "; nothing was kept");
            }
            out.force(true);
            ok = true;
            return new Staged(file, actual, size);
        } finally {
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public boolean contains(Digest digest) {
        return Files.isRegularFile(pathOf(digest));
    }

    @Override
    public Optional<Long> size(Digest digest) {
        try {
            return Optional.of(Files.size(pathOf(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of blob " + digest, e);
        }
    }

    @Override
    public SeekableByteChannel open(Digest digest) throws IOException {
        try {
            return FileChannel.open(pathOf(digest), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchBlobException(digest);
        }
    }

    /** The file holding a blob; for the fast download path, which sends it with zero copies. */
    public Path pathOf(Digest digest) {
        String hex = digest.hex();
        return blobs.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    @Override
    public Stream<Digest> digests() throws IOException {
        return Files.find(blobs, 3, (path, attributes) -> attributes.isRegularFile()
                        && HEX64.matcher(path.getFileName().toString()).matches())
                .map(path -> new Digest(path.getFileName().toString()));
    }

    @Override
    public long bytesUsed() throws IOException {
        try (Stream<Path> files = Files.find(blobs, 3, (path, attributes) -> attributes.isRegularFile())) {
            return files.mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private final class Staged implements StagedBlob {
        private final Path file;
        private final Digest digest;
        private final long size;
        private final AtomicBoolean settled = new AtomicBoolean();

        Staged(Path file, Digest digest, long size) {
            this.file = file;
            this.digest = digest;
            this.size = size;
        }

        @Override
        public Digest digest() {
            return digest;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Path file() {
            return file;
        }

        @Override
        public boolean commit() throws IOException {
            if (!settled.compareAndSet(false, true)) {
                throw new IllegalStateException("blob " + digest + " was already committed or discarded");
            }
            Path target = pathOf(digest);
            if (Files.isRegularFile(target)) {
                Files.deleteIfExists(file);
                log.debug("Blob {} already present; dropped the duplicate upload", digest);
                return false;
            }
            Path dir = target.getParent();
            Files.createDirectories(dir);
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // Another upload of the same bytes won the race; its copy is identical.
                Files.deleteIfExists(file);
                return false;
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(file);
                throw new IOException("the file system under " + root + " cannot rename atomically", e);
            }
            fsyncDirectory(dir);
            fsyncDirectory(dir.getParent());
            log.debug("Stored blob {} ({} bytes)", digest, size);
            return true;
        }

        @Override
        public void close() {
            if (settled.compareAndSet(false, true)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not delete temporary file {} of blob {}; it is swept at next start", file,
                            digest, e);
                }
            }
        }
    }
}
