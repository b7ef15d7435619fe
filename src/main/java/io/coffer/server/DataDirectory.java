package io.coffer.server;

import io.coffer.CofferException;
import io.coffer.Failure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory of one server, held exclusively while the server runs. Two servers on one
 * directory would sweep each other's uploads in flight and fight over the SQLite catalog, so the
 * second one is refused before it touches anything. The lock is the operating system's, so it goes
 * away with the process however the process ends. The directory is created readable by its owner
 * only: it holds master copies that may be licensed or confidential, and the keys.
 */
final class DataDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    static final String LOCK_FILE = "coffer.lock";

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory when needed and locks it; refuses when another process holds it. */
    static DataDirectory lock(Path dir) throws IOException {
        Path path = dir.toAbsolutePath();
        if (!Files.exists(path)) {
            Files.createDirectories(path.getParent());
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        } else if (!Files.isDirectory(path)) {
            throw new CofferException(Failure.INVALID, "data directory " + path + " is not a directory");
        } else {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                log.warn("Data directory {} is readable by other users ({}); consider chmod 700", path,
                        PosixFilePermissions.toString(perms));
            }
        }
        FileChannel channel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new CofferException(Failure.UNAVAILABLE, "data directory " + path + " is in use by another "
                    + "Coffer server; stop it first or give this one its own --data directory");
        }
        return new DataDirectory(path, channel, lock);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            log.warn("Could not release the lock on {}", path, e);
        }
    }
}
