package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.store.Digest;
import io.coffer.testing.Packages;
import io.coffer.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path data;

    @TempDir
    Path work;

    TestServer server;
    Map<String, String> env = new HashMap<>();

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() {
        server = TestServer.start(data);
        env.put("COFFER_URL", server.url());
        env.put("COFFER_TOKEN", server.adminToken());
        env.put("COFFER_CONFIG", work.resolve("no-config").toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run coffer(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Coffer.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String sha256(Path file) throws Exception {
        return Digest.ofBytes(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))).hex();
    }

    private static String field(String control, Path deb, String name) throws Exception {
        Process p = new ProcessBuilder("dpkg-deb", "-f", deb.toString(), name).start();
        String value = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        return value;
    }

    @Test
    void pushListShowPullAndVerifyARealDebianPackage() throws Exception {
        Path deb = Packages.first("*.deb");
        String name = field("", deb, "Package");
        String version = field("", deb, "Version");

        Run push = coffer("push", deb.toString(), "--location", "CD wallet 3, shelf 2");
        Run ls = coffer("ls");
        Run versions = coffer("ls", name);
        Run show = coffer("show", name, version);
        Path pulled = work.resolve("pulled");
        Files.createDirectories(pulled);
        Run pull = coffer("pull", name, version, "-o", pulled.toString());
        Run verify = coffer("verify");
        Run log = coffer("log", "verify");

        assertThat(push.exit()).as(push.err()).isZero();
        assertThat(push.out()).startsWith("stored: " + name + " " + version + " " + deb.getFileName());
        assertThat(ls.out().lines()).first().asString().startsWith("PRODUCT");
        assertThat(ls.out()).contains(name);
        assertThat(versions.out()).contains(version);
        assertThat(show.out()).contains(sha256(deb)).contains("CD wallet 3, shelf 2");
        assertThat(pull.exit()).as(pull.err()).isZero();
        assertThat(sha256(pulled.resolve(deb.getFileName().toString()))).isEqualTo(sha256(deb));
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("library OK");
        assertThat(log.exit()).isZero();
        assertThat(log.out()).startsWith("event log intact");
    }

    @Test
    void pushingTheSameFileTwiceSaysUnchangedAndAConflictExitsWith73() throws Exception {
        Path file = work.resolve("tool-1.0.0.bin");
        Files.writeString(file, "one");
        coffer("push", file.toString(), "--product", "tool", "--version", "1.0.0");

        Run again = coffer("push", file.toString(), "--product", "tool", "--version", "1.0.0");
        Files.writeString(file, "two");
        Run conflict = coffer("push", file.toString(), "--product", "tool", "--version", "1.0.0");

        assertThat(again.exit()).isZero();
        assertThat(again.out()).startsWith("unchanged");
        assertThat(conflict.exit()).isEqualTo(73);
        assertThat(conflict.err().lines()).hasSize(1);
        assertThat(conflict.err()).startsWith("coffer: ").contains("immutable");
    }

    @Test
    void eachKindOfFailureHasItsOwnExitCodeAndOneLine() throws Exception {
        Run notFound = coffer("show", "nope");
        Run usage = coffer("show");
        Run missingFile = coffer("push", work.resolve("absent.bin").toString());
        env.put("COFFER_TOKEN", "coffer_wrong");
        Run unauthenticated = coffer("ls");
        env.put("COFFER_URL", "http://127.0.0.1:1");
        Run unreachable = coffer("ls");

        assertThat(notFound.exit()).isEqualTo(66);
        assertThat(notFound.err()).isEqualTo("coffer: no product 'nope' in the catalog\n");
        assertThat(usage.exit()).isEqualTo(64);
        assertThat(missingFile.exit()).isEqualTo(66);
        assertThat(unauthenticated.exit()).isEqualTo(77);
        assertThat(unreachable.exit()).isEqualTo(69);
        assertThat(unreachable.err()).contains("cannot reach");
    }

    @Test
    void pullRefusesBytesThatDoNotMatchTheCatalogAndWritesNothing() throws Exception {
        Path file = work.resolve("app.bin");
        Files.writeString(file, "genuine installer");
        coffer("push", file.toString(), "--product", "app", "--version", "1.0.0");
        Path blob;
        try (Stream<Path> s = Files.find(data.resolve("blobs"), 4, (p, a) -> a.isRegularFile())) {
            blob = s.findFirst().orElseThrow();
        }
        Files.writeString(blob, "tampered installer");
        Path out = work.resolve("out");
        Files.createDirectories(out);

        Run pull = coffer("pull", "app", "1.0.0", "-o", out.toString());
        Run verify = coffer("verify");

        assertThat(pull.exit()).isEqualTo(74);
        assertThat(pull.err()).contains("hash to");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s).isEmpty();
        }
        assertThat(verify.exit()).isEqualTo(74);
        assertThat(verify.out()).contains("DAMAGED").contains("library DAMAGED");
    }

    @Test
    void pushesAnEmptyFile() throws Exception {
        Path empty = work.resolve("empty.txt");
        Files.write(empty, new byte[0]);

        Run push = coffer("push", empty.toString(), "--product", "blank", "--version", "1.0.0");

        assertThat(push.exit()).as(push.err()).isZero();
        assertThat(push.out()).contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"serve", "push", "ls", "show", "pull", "search", "status", "verify",
                "log"}) {
            Run help = coffer(command, "--help");

            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: coffer " + command);
        }
    }

    @Test
    void aServerUrlThatIsNotOneIsABadInputNotAnInternalError() {
        env.put("COFFER_URL", "ftp://example.invalid");

        Run run = coffer("ls");

        assertThat(run.exit()).isEqualTo(65);
        assertThat(run.err()).startsWith("coffer: server URL");
    }

    @Test
    void pullToADirectoryThatDoesNotExistSaysSo() throws Exception {
        Path file = work.resolve("x.bin");
        Files.writeString(file, "x");
        coffer("push", file.toString(), "--product", "x", "--version", "1.0.0");

        Run pull = coffer("pull", "x", "1.0.0", "-o", work.resolve("no/such/dir/x.bin").toString());

        assertThat(pull.exit()).isEqualTo(65);
        assertThat(pull.err()).contains("is not a directory");
    }

    @Test
    void jsonOutputIsOnRequest() throws Exception {
        Path file = work.resolve("x.bin");
        Files.writeString(file, "x");
        coffer("push", file.toString(), "--product", "x", "--version", "1.0.0");

        Run json = coffer("ls", "x", "--json");

        assertThat(json.out().strip()).startsWith("[").contains("\"version\" : \"1.0.0\"");
    }
}
