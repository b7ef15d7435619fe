package io.coffer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after test JVMs that were killed before their shutdown hooks could stop their servers. Each
 * server's directory holds a claim naming the JVM that started it; a directory whose JVM is gone is deleted,
 * and a postmaster left running in it shuts itself down once it finds its data directory gone (PostgreSQL
 * checks its lock file periodically, and in practice fails within seconds).
 *
 * <p>The rule is deliberately narrow: only directories claimed by this account, from the same PID namespace
 * (so a container sharing {@code /tmp} is never mistaken for a dead JVM), whose JVM's process id no longer
 * exists. A reused process id keeps a directory until the next sweep, which is harmless.
 */
final class AbandonedServers {

    static final String PREFIX = "coffer-pg-";

    private static final Logger LOG = LoggerFactory.getLogger(AbandonedServers.class);
    private static final String CLAIM = "claimed-by";

    private AbandonedServers() {
    }

    /** Records in {@code home} that this JVM owns the server there. */
    static void claim(Path home) throws IOException {
        claim(home, ProcessHandle.current().pid());
    }

    /** Records in {@code home} that the JVM with process id {@code pid} owns the server there. */
    static void claim(Path home, long pid) throws IOException {
        String claim = pid + " " + pidNamespace().orElse("unknown") + "\n";
        Files.writeString(home.resolve(CLAIM), claim, StandardCharsets.UTF_8);
    }

    /** Deletes the server directories under {@code root} whose JVM is gone; never fails, only logs. */
    static void sweep(Path root) {
        Optional<String> namespace = pidNamespace();
        if (namespace.isEmpty()) {
            return;
        }
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path home : homes) {
                if (isAbandoned(home, namespace.get())) {
                    LOG.info("Deleting {}, left by a test JVM that ended without stopping its PostgreSQL", home);
                    Trees.delete(home);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not look for abandoned test PostgreSQL directories in {}: {}", root, e.toString());
        }
    }

    private static boolean isAbandoned(Path home, String namespace) throws IOException {
        Path claim = home.resolve(CLAIM);
        if (!Files.isRegularFile(claim, LinkOption.NOFOLLOW_LINKS)
                || (Integer) Files.getAttribute(claim, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                        != ServerAccount.effectiveUid()) {
            return false;
        }
        String[] words = Files.readString(claim, StandardCharsets.UTF_8).trim().split(" ");
        if (words.length != 2 || !words[1].equals(namespace)) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(words[0])).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> pidNamespace() {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
