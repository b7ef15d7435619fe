package io.coffer.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.testing.Packages;
import io.coffer.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiTest {

    @TempDir
    Path data;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> push(byte[] body, String query) {
        return server.send(server.request("/api/v1/media?" + query)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private long blobCount() throws IOException {
        try (Stream<Path> s = Files.find(data.resolve("blobs"), 4, (p, a) -> a.isRegularFile())) {
            return s.count();
        }
    }

    private long tmpCount() throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("tmp"))) {
            return s.count();
        }
    }

    /** Events after those the first start wrote (actor "coffer") when it registered the admin and its token. */
    private long eventCount() {
        long count = 0;
        for (JsonNode event : TestServer.json(server.send(server.request("/api/v1/events?limit=10000")))) {
            if (!event.path("actor").asText().equals("coffer")) {
                count++;
            }
        }
        return count;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = TestServer.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("/problems/");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).containsIgnoringCase(detailPart);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    @Test
    void firstStartMintsAnAdminTokenKeptOnlyAsAHash() throws Exception {
        Path tokenFile = data.resolve("admin.token");

        assertThat(Files.getPosixFilePermissions(tokenFile)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(server.firstStartOutput()).contains(server.adminToken());
        byte[] catalog = Files.readAllBytes(data.resolve("catalog.db"));
        assertThat(new String(catalog, StandardCharsets.ISO_8859_1)).doesNotContain(server.adminToken());
    }

    @Test
    void everyRouteButHealthNeedsAValidToken() {
        HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/api/v1/health")));
        HttpResponse<String> none = server.send(HttpRequest.newBuilder(server.uri("/api/v1/products")));
        HttpResponse<String> wrong = server.send(HttpRequest.newBuilder(server.uri("/api/v1/products"))
                .header("Authorization", "Bearer coffer_not-a-real-token"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertProblem(none, 401, "bearer token");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"coffer\"");
        assertProblem(wrong, 401, "not valid");
    }

    @Test
    void pushesARealDebianPackageAndReadsItsControlFields() throws Exception {
        Path deb = Packages.first("*.deb");
        String expectedName = run("dpkg-deb", "-f", deb.toString(), "Package").strip();
        String expectedVersion = run("dpkg-deb", "-f", deb.toString(), "Version").strip();

        HttpResponse<String> response = push(Files.readAllBytes(deb), "fileName=" + q(deb.getFileName().toString()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode item = TestServer.json(response).path("item");
        assertThat(item.path("product").asText()).isEqualTo(expectedName);
        assertThat(item.path("version").asText()).isEqualTo(expectedVersion);
        assertThat(item.path("format").asText()).isEqualTo("deb");
        assertThat(item.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(sha256(Files.readAllBytes(deb))));
        JsonNode product = TestServer.json(server.send(server.request("/api/v1/products/" + q(expectedName))));
        assertThat(product.path("scheme").asText()).isEqualTo("debian");
    }

    @Test
    void pushesARealJarWithItsMavenCoordinates() throws Exception {
        Path jar = Packages.first("*.jar");

        HttpResponse<String> response = push(Files.readAllBytes(jar), "fileName=" + q(jar.getFileName().toString()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode item = TestServer.json(response).path("item");
        assertThat(item.path("product").asText()).contains(":");
        assertThat(jar.getFileName().toString()).contains(item.path("version").asText());
        assertThat(item.path("format").asText()).isEqualTo("jar");
    }

    @Test
    void theSameBytesAgainAreAHarmlessNoOpAndDifferentBytesAConflict() throws Exception {
        HttpResponse<String> first = push("v1".getBytes(), "fileName=a.bin&product=p&version=1.0.0");
        long events = eventCount();
        HttpResponse<String> again = push("v1".getBytes(), "fileName=a.bin&product=p&version=1.0.0");
        HttpResponse<String> conflict = push("v2".getBytes(), "fileName=a.bin&product=p&version=1.0.0");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(again).path("result").asText()).isEqualTo("unchanged");
        assertProblem(conflict, 409, "immutable");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(blobCount()).isEqualTo(1);
    }

    @Test
    void aWrongExpectedDigestIsRefusedAndNothingIsKept() throws Exception {
        byte[] body = "payload".getBytes();
        String wrong = Base64.getEncoder().encodeToString(sha256("other".getBytes()));

        HttpResponse<String> response = server.send(server.request(
                        "/api/v1/media?fileName=a.bin&product=p&version=1.0.0")
                .header("Content-Digest", "sha-256=:" + wrong + ":")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertProblem(response, 422, "expected");
        assertThat(blobCount()).isZero();
        assertThat(tmpCount()).isZero();
        assertThat(eventCount()).isZero();
    }

    @Test
    void aRightExpectedDigestIsAccepted() throws Exception {
        byte[] body = "payload".getBytes();
        String hex = HexFormat.of().formatHex(sha256(body));

        HttpResponse<String> response = push(body, "fileName=a.bin&product=p&version=1.0.0&sha256=" + hex);

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void aDeclaredSizeThatDoesNotMatchTheBodyIsRefused() throws Exception {
        HttpResponse<String> response = push("12345".getBytes(), "fileName=a.bin&product=p&version=1.0.0&size=6");

        assertProblem(response, 422, "declared");
        assertThat(blobCount()).isZero();
        assertThat(tmpCount()).isZero();
    }

    @Test
    void aClientThatDisconnectsMidUploadLeavesNothingBehind() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            String head = "POST /api/v1/media?fileName=big.iso&product=p&version=1.0.0 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + server.adminToken() + "\r\n"
                    + "Content-Length: 10000000\r\nContent-Type: application/octet-stream\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[3_000_000]);
            out.flush();
        }
        // The server notices the closed connection while reading; wait for it to clean up, bounded.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (tmpCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(tmpCount()).isZero();
        assertThat(blobCount()).isZero();
        assertThat(eventCount()).isZero();
        assertProblem(server.send(server.request("/api/v1/products/p")), 404, "no product");
    }

    @Test
    void dangerousFileNamesAreRefusedWithAClearError() throws Exception {
        for (String bad : List.of("../../etc/passwd", "/etc/passwd", "dir/file", "..", "ctl\u0001.bin",
                "esc\u001b]0;title\u0007", "n".repeat(300))) {
            HttpResponse<String> response = push("x".getBytes(), "fileName=" + q(bad) + "&product=p&version=1.0.0");

            assertProblem(response, 400, "file name");
        }
        assertThat(blobCount()).isZero();
        assertThat(eventCount()).isZero();
    }

    @Test
    void spacesNonAsciiNamesAndEmptyFilesWork() throws Exception {
        String name = "Résumé – ñandú 東京 v2.txt";

        HttpResponse<String> response = push(new byte[0], "fileName=" + q(name) + "&product=" + q("Produkt Ä")
                + "&version=1.0.0");
        HttpResponse<byte[]> download = server.sendForBytes(server.request("/api/v1/products/" + q("Produkt Ä")
                .replace("+", "%20") + "/versions/1.0.0/files/" + q(name).replace("+", "%20")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(TestServer.json(response).path("item").path("fileName").asText()).isEqualTo(name);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEmpty();
    }

    @Test
    void downloadsSupportRangeHeadEtagAndContentDigest() throws Exception {
        byte[] body = new byte[100_000];
        new java.util.Random(7).nextBytes(body);
        push(body, "fileName=r.bin&product=p&version=1.0.0");
        String hex = HexFormat.of().formatHex(sha256(body));
        String b64 = Base64.getEncoder().encodeToString(sha256(body));
        String path = "/api/v1/products/p/versions/1.0.0/files/r.bin";

        HttpResponse<byte[]> whole = server.sendForBytes(server.request(path));
        HttpResponse<byte[]> range = server.sendForBytes(server.request(path).header("Range", "bytes=10-19"));
        HttpResponse<byte[]> suffix = server.sendForBytes(server.request(path).header("Range", "bytes=-5"));
        HttpResponse<byte[]> head = server.sendForBytes(server.request(path).method("HEAD",
                HttpRequest.BodyPublishers.noBody()));
        HttpResponse<byte[]> notModified = server.sendForBytes(server.request(path)
                .header("If-None-Match", "\"" + hex + "\""));
        HttpResponse<String> unsatisfiable = server.send(server.request(path).header("Range", "bytes=200000-"));
        HttpResponse<byte[]> byDigest = server.sendForBytes(server.request("/api/v1/blobs/" + hex));

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(body);
        assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + hex + "\"");
        assertThat(whole.headers().firstValue("Content-Digest")).hasValue("sha-256=:" + b64 + ":");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(body, 10, 20));
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 10-19/100000");
        assertThat(range.headers().firstValue("Content-Digest")).isEmpty();
        assertThat(range.headers().firstValue("Repr-Digest")).hasValue("sha-256=:" + b64 + ":");
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(body, 99_995, 100_000));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("100000");
        assertThat(head.body()).isEmpty();
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertProblem(unsatisfiable, 416, "range");
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */100000");
        assertThat(byDigest.body()).isEqualTo(body);
    }

    @Test
    void unknownProductsVersionsAndFilesAre404Problems() {
        push("x".getBytes(), "fileName=a.bin&product=p&version=1.0.0");

        assertProblem(server.send(server.request("/api/v1/products/nope")), 404, "nope");
        assertProblem(server.send(server.request("/api/v1/products/p/versions/9.9.9")), 404, "9.9.9");
        assertProblem(server.send(server.request("/api/v1/products/p/versions/1.0.0/files/zz.bin")), 404, "zz.bin");
        assertProblem(server.send(server.request("/api/v1/blobs/" + "0".repeat(64))), 404, "no blob");
        assertProblem(server.send(server.request("/api/v1/blobs/xyz")), 400, "64 hexadecimal");
        assertProblem(server.send(server.request("/api/v1/no/such/route")), 404, "no route");
    }

    @Test
    void aCorruptPackageNeedsProductAndVersionAndIsThenKeptAsAPlainMasterCopy() throws Exception {
        byte[] deb = Files.readAllBytes(Packages.first("*.deb"));
        byte[] truncated = java.util.Arrays.copyOf(deb, deb.length / 3);

        HttpResponse<String> refused = push(truncated, "fileName=broken_1.0_amd64.deb");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(blobCount()).isZero();

        HttpResponse<String> kept = push(truncated, "fileName=broken_1.0_amd64.deb&product=broken&version=1.0");
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(201);
        assertThat(TestServer.json(kept).path("note").asText()).contains("plain master copy");
        assertThat(TestServer.json(kept).path("item").path("format").asText()).isEqualTo("other");
    }

    @Test
    void aPomWithAnExternalEntityIsNotResolved() throws Exception {
        Path secret = data.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-MARKER");
        String pom = "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<project><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version>"
                + "<description>&x;</description></project>";

        HttpResponse<String> refused = push(pom.getBytes(), "fileName=a-1.0.pom");
        HttpResponse<String> plain = push(pom.getBytes(), "fileName=a-1.0.pom&product=a&version=1.0");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("TOP-SECRET-MARKER");
        assertThat(plain.statusCode()).isEqualTo(201);
        assertThat(plain.body()).doesNotContain("TOP-SECRET-MARKER");
    }

    @Test
    void versionsAreListedInSchemeOrderWithLatest() {
        for (String v : List.of("1.10.0", "1.2.0", "1.9.0-rc.1", "1.9.0")) {
            push(v.getBytes(), "fileName=t.bin&product=tool&version=" + v);
        }

        JsonNode versions = TestServer.json(server.send(server.request("/api/v1/products/tool/versions")));
        JsonNode latest = TestServer.json(server.send(server.request("/api/v1/products/tool/latest")));

        assertThat(versions.findValuesAsText("version")).containsExactly("1.2.0", "1.9.0-rc.1", "1.9.0", "1.10.0");
        assertThat(latest.path("version").path("version").asText()).isEqualTo("1.10.0");
    }

    @Test
    void withdrawingNeedsAReasonAndIsLogged() {
        push("x".getBytes(), "fileName=a.bin&product=p&version=1.0.0");

        HttpResponse<String> noReason = server.send(server.request("/api/v1/products/p/versions/1.0.0/status")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"withdrawn\"}")));
        HttpResponse<String> withdrawn = server.send(server.request("/api/v1/products/p/versions/1.0.0/status")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"withdrawn\",\"reason\":\"CVE-1\"}")));
        HttpResponse<String> badJson = server.send(server.request("/api/v1/products/p/versions/1.0.0/status")
                .POST(HttpRequest.BodyPublishers.ofString("{nope")));

        assertProblem(noReason, 400, "reason");
        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(withdrawn).path("status").asText()).isEqualTo("WITHDRAWN");
        assertProblem(badJson, 400, "JSON");
        JsonNode events = TestServer.json(server.send(server.request("/api/v1/events?subject=product/p")));
        assertThat(events.findValuesAsText("action")).contains("version.withdrawn");
    }

    @Test
    void searchFindsByNameSupplierLicenceAndDigest() throws Exception {
        push("db".getBytes(), "fileName=db.tar&product=" + q("Big DB") + "&version=9.1.0&supplier=Acme&license=EULA");

        String hex = HexFormat.of().formatHex(sha256("db".getBytes()));
        for (String query : List.of("name=big", "supplier=acm", "license=eula", "digest=" + hex)) {
            JsonNode found = TestServer.json(server.send(server.request("/api/v1/search?" + query)));
            assertThat(found).as(query).extracting(n -> n.path("product").asText()).containsExactly("Big DB");
        }
        assertProblem(server.send(server.request("/api/v1/search?digest=abc")), 400, "hexadecimal");
    }

    @Test
    void theEventLogVerifiesOverTheApi() {
        push("x".getBytes(), "fileName=a.bin&product=p&version=1.0.0");

        JsonNode check = TestServer.json(server.send(server.request("/api/v1/events/verify")));

        assertThat(check.path("intact").asBoolean()).isTrue();
        assertThat(check.path("events").asLong()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aLargeUploadStreamsWithoutBeingHeldInMemory() throws Exception {
        long size = 64L * 1024 * 1024;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        });

        HttpResponse<String> response = server.send(server.request("/api/v1/media?fileName=big.img&product=img"
                + "&version=1.0.0").POST(body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(TestServer.json(response).path("item").path("size").asLong()).isEqualTo(size);
    }
}
