package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.events.ChainCheck;
import io.coffer.library.Verification;
import io.coffer.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process with SIGKILL while it is taking pushes, then opens the same data
 * directory again: every push that was acknowledged must be there, whole; nothing half-written may
 * be visible; temporary leftovers are swept; the event log is intact.
 */
class KilledServerTest {

    @TempDir
    Path data;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process startServerProcess(int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.coffer.cli.Coffer", "serve", "--data", data.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + "-server.log").toFile())
                .start();
    }

    private static void awaitHealthy(HttpClient http, int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server process exited early").isTrue();
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/health")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("server did not become healthy within 60 s");
    }

    /** An endless stream of 'x' bytes, for uploads that are still running when the server dies. */
    private static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
    }

    @Test
    void aServerKilledMidWriteLeavesAConsistentLibraryWithEveryAcknowledgedPush() throws Exception {
        int port = freePort();
        Process process = startServerProcess(port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(5);
        try {
            awaitHealthy(http, port, process);
            String token = Files.readString(data.resolve("admin.token")).strip();
            for (int c = 0; c < 4; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        String name = "c" + client + "-" + i;
                        byte[] body = new byte[50_000 + i * 997 % 200_000];
                        java.util.Arrays.fill(body, (byte) (i + client));
                        body[0] = (byte) client;
                        body[1] = (byte) (i >> 8);
                        body[2] = (byte) i;
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + port + "/api/v1/media?fileName=" + name + ".bin&product=crash&version="
                                            + "1.0." + (client * 100_000 + i)))
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                acknowledged.add("1.0." + (client * 100_000 + i));
                            }
                        } catch (IOException | InterruptedException serverGone) {
                            return;
                        }
                    }
                });
            }
            clients.submit(() -> {
                try {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/api/v1/media?fileName=huge.iso&product=crash&version=9.9.9"))
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofInputStream(KilledServerTest::endless)).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException | InterruptedException serverGone) {
                    // expected: the server is killed under this upload
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(acknowledged).as("pushes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(40);
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            clients.shutdownNow();
            clients.awaitTermination(30, TimeUnit.SECONDS);
        }
        boolean leftovers;
        try (Stream<Path> tmp = Files.list(data.resolve("tmp"))) {
            leftovers = tmp.findAny().isPresent();
        }

        try (TestServer reopened = TestServer.start(data)) {
            var library = reopened.server().library();
            Verification.Report report = Verification.run(library, 2, n -> {});

            assertThat(leftovers).as("the kill interrupted an upload, leaving a temporary file").isTrue();
            try (Stream<Path> tmp = Files.list(data.resolve("tmp"))) {
                assertThat(tmp).as("swept at start").isEmpty();
            }
            assertThat(report.damaged()).isEmpty();
            assertThat(report.missing()).isEmpty();
            assertThat(library.events().verify(library.database())).isInstanceOf(ChainCheck.Intact.class);
            List<String> present = library.versions("crash").stream().map(v -> v.version()).toList();
            assertThat(present).containsAll(acknowledged).doesNotContain("9.9.9");
            for (String v : present) {
                assertThat(library.version("crash", v).media()).as("version %s has its file", v).hasSize(1);
            }
        }
    }
}
