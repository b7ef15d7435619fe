package io.coffer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbandonedServersTest {

    @TempDir
    Path root;

    @BeforeEach
    void requireProcessNamespaces() {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/self/ns/pid")), "no PID namespace to tell JVMs apart");
    }

    @Test
    void directoryOfAJvmThatIsGoneIsDeleted() throws Exception {
        Path home = serverDirectory("coffer-pg-1");
        AbandonedServers.claim(home, endedProcessId());

        AbandonedServers.sweep(root);

        assertThat(home).doesNotExist();
    }

    @Test
    void directoryOfARunningJvmIsKept() throws IOException {
        Path home = serverDirectory("coffer-pg-2");
        AbandonedServers.claim(home);

        AbandonedServers.sweep(root);

        assertThat(home).isDirectory();
    }

    @Test
    void directoryClaimedFromAnotherPidNamespaceIsKept() throws Exception {
        Path home = serverDirectory("coffer-pg-3");
        Files.writeString(home.resolve("claimed-by"), endedProcessId() + " pid:[1]\n", StandardCharsets.UTF_8);

        AbandonedServers.sweep(root);

        assertThat(home).isDirectory();
    }

    @Test
    void directoryWithoutAClaimIsKept() throws IOException {
        Path home = serverDirectory("coffer-pg-4");

        AbandonedServers.sweep(root);

        assertThat(home).isDirectory();
    }

    @Test
    void directoriesNotNamedLikeServersAreNeverLookedAt() throws Exception {
        Path other = serverDirectory("someone-else");
        AbandonedServers.claim(other, endedProcessId());

        AbandonedServers.sweep(root);

        assertThat(other).isDirectory();
    }

    private Path serverDirectory(String name) throws IOException {
        Path home = Files.createDirectory(root.resolve(name));
        Files.createDirectories(home.resolve("data"));
        return home;
    }

    /** The id of a process that has ended; ids are handed out in turn, so it is not reused this soon. */
    private static long endedProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
