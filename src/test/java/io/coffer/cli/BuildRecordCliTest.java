package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.library.Library;
import io.coffer.testing.AdjustableClock;
import io.coffer.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build records through {@code coffer push}, {@code coffer provenance}, {@code coffer show} and the HTTP API. */
class BuildRecordCliTest {

    static final String COMMIT = "3f786850e387550fdab836ed7e6dc881de23001b";

    @TempDir
    Path data;

    @TempDir
    Path work;

    AdjustableClock clock = new AdjustableClock(Instant.parse("2026-02-27T15:00:00Z"));
    TestServer server;
    Map<String, String> env = new HashMap<>();
    Path tarball;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(data, clock);
        env.put("COFFER_URL", server.url());
        env.put("COFFER_TOKEN", server.adminToken());
        env.put("COFFER_CONFIG", work.resolve("no-config").toString());
        tarball = copy("acme-tool-1.2.0.tar.gz");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path copy(String resource) throws IOException {
        Path file = work.resolve(resource);
        try (InputStream in = getClass().getResourceAsStream("/provenance/" + resource)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private Run coffer(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Coffer.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run pushTarball(String... build) {
        String[] base = {"push", tarball.toString(), "--product", "acme-tool", "--version", "1.2.0"};
        String[] args = new String[base.length + build.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(build, 0, args, base.length, build.length);
        return coffer(args);
    }

    @Test
    void aBuildGivenWithAPushIsShownWithTheVersion() {
        Run push = pushTarball("--source-repo", "https://git.example.org/acme/tool", "--revision", COMMIT,
                "--builder", "ci-runner-7", "--build-command", "make dist", "--build-env", "Debian 12, gcc 12.2");
        Run show = coffer("show", "acme-tool", "1.2.0");

        assertThat(push.exit()).as(push.err()).isZero();
        assertThat(push.out()).contains("""
                  build
                  source             https://git.example.org/acme/tool
                  revision           3f786850e387550fdab836ed7e6dc881de23001b
                  builder            ci-runner-7
                  command            make dist
                  environment        Debian 12, gcc 12.2
                  recorded           2026-02-27T15:00:00Z (by admin)
                """);
        assertThat(show.out()).startsWith("""
                product      acme-tool
                version      1.2.0
                status       active
                added        2026-02-27T15:00:00Z
                added by     admin
                build
                  source             https://git.example.org/acme/tool
                  revision           3f786850e387550fdab836ed7e6dc881de23001b
                  builder            ci-runner-7
                  command            make dist
                  environment        Debian 12, gcc 12.2
                  recorded           2026-02-27T15:00:00Z (by admin)

                file         acme-tool-1.2.0.tar.gz
                """);
        assertThat(coffer("show", "acme-tool").out()).contains("kind         internal");
    }

    @Test
    void aDifferentBuildForTheVersionExitsWith73() {
        pushTarball("--revision", COMMIT);

        Run conflict = pushTarball("--revision", "0badc0de");

        assertThat(conflict.exit()).isEqualTo(73);
        assertThat(conflict.err()).startsWith("coffer: the build record of acme-tool 1.2.0 was recorded by admin at "
                + "2026-02-27T15:00:00Z and says otherwise: revision is '" + COMMIT + "', not '0badc0de'.");
        assertThat(conflict.err().lines()).hasSize(1);
    }

    @Test
    void provenanceIsImportedShownAndHandedBackAsImported() throws Exception {
        pushTarball("--kind", "internal");
        Path statement = copy("acme-tool-1.2.0.slsa-v02.intoto.jsonl");

        Run imported = coffer("provenance", "acme-tool", "1.2.0", statement.toString());
        Run show = coffer("show", "acme-tool", "1.2.0");
        Run kept = coffer("provenance", "acme-tool", "1.2.0");

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("""
                build record of acme-tool 1.2.0:
                  source             git+https://git.example.org/acme/tool@refs/tags/v1.2.0
                  revision           3f786850e387550fdab836ed7e6dc881de23001b
                  builder            https://github.com/slsa-framework/slsa-github-generator/.github/workflows/\
                generator_generic_slsa3.yml@refs/tags/v1.9.0
                  command            buildType https://github.com/slsa-framework/slsa-github-generator/generic@v1; \
                entryPoint .github/workflows/release.yml
                """);
        String text = Files.readString(statement).strip();
        String sha = io.coffer.store.Digest.ofBytes(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8))).hex();
        assertThat(show.out()).contains("  provenance         in-toto statement, 1.8 KiB, sha256 " + sha + "\n");
        assertThat(show.out()).doesNotContain("payloadType");
        assertThat(kept.out()).isEqualTo(text + "\n");
    }

    @Test
    void badProvenanceFilesExitWithTheirCodes() throws IOException {
        pushTarball("--kind", "internal");
        Path garbage = work.resolve("garbage.json");
        Files.writeString(garbage, "not json at all");
        Path other = work.resolve("other.intoto.json");
        Files.writeString(other, Files.readString(copy("acme-tool-1.2.0.slsa-v1.intoto.json"))
                .replace("6952daab93a5ff6786c95e1cff3bd911f8f89efff1f49c5fa2e32d0dffca6537", "ab".repeat(32)));
        Path huge = work.resolve("huge.json");
        Files.write(huge, new byte[Library.MAX_PROVENANCE_BYTES + 1]);

        Run bad = coffer("provenance", "acme-tool", "1.2.0", garbage.toString());
        Run mismatch = coffer("provenance", "acme-tool", "1.2.0", other.toString());
        Run tooLarge = coffer("provenance", "acme-tool", "1.2.0", huge.toString());
        Run missing = coffer("provenance", "acme-tool", "1.2.0", work.resolve("absent.json").toString());
        Run none = coffer("provenance", "acme-tool", "1.2.0");

        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err()).startsWith("coffer: the provenance document is not JSON");
        assertThat(mismatch.exit()).isEqualTo(73);
        assertThat(mismatch.err()).contains("none of which is a media item of acme-tool 1.2.0");
        assertThat(tooLarge.exit()).isEqualTo(65);
        assertThat(missing.exit()).isEqualTo(66);
        assertThat(none.exit()).isEqualTo(66);
        assertThat(none.err()).isEqualTo("coffer: acme-tool 1.2.0 has no provenance statement; import one with "
                + "'coffer provenance'\n");
    }

    @Test
    void theApiReturnsTheBuildRecordAndRefusesAnOversizedBodyUnread() throws Exception {
        pushTarball("--kind", "internal");
        byte[] statement = Files.readAllBytes(copy("acme-tool-1.2.0.slsa-v1.intoto.json"));
        String path = "/api/v1/products/acme-tool/versions/1.2.0";

        HttpResponse<String> imported = server.send(server.request(path + "/provenance")
                .POST(HttpRequest.BodyPublishers.ofByteArray(statement)));
        HttpResponse<String> version = server.send(server.request(path));
        HttpResponse<String> kept = server.send(server.request(path + "/provenance"));
        HttpResponse<String> huge = server.send(server.request(path + "/provenance")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[Library.MAX_PROVENANCE_BYTES + 10])));

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode build = TestServer.json(version).path("build");
        assertThat(build.path("revision").asText()).isEqualTo(COMMIT);
        assertThat(build.path("builder").asText()).isEqualTo("https://git.example.org/acme/ci/runner/linux-amd64@v3");
        assertThat(build.path("provenance").asText()).isEqualTo(new String(statement, StandardCharsets.UTF_8).strip());
        assertThat(kept.body()).isEqualTo(new String(statement, StandardCharsets.UTF_8).strip());
        assertThat(kept.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(TestServer.json(huge).path("detail").asText()).contains("larger than 1048576 bytes");
    }
}
