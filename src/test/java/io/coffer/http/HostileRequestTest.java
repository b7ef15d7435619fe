package io.coffer.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests a hostile or careless client sends; each gets a clear problem and changes nothing. */
class HostileRequestTest {

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

    private HttpResponse<String> push(byte[] body, String query, String... headers) {
        HttpRequest.Builder b = server.request("/api/v1/media?" + query).POST(HttpRequest.BodyPublishers.ofByteArray(
                body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b);
    }

    private HttpResponse<String> postJson(String path, String json) {
        return server.send(server.request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String b64sha(String s) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
    }

    private long items() {
        return TestServer.json(server.send(server.request("/api/v1/search"))).size();
    }

    @Test
    void headOnAnApiRouteIsRefusedBeforeAuthentication() {
        HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(server.uri("/api/v1/products/nope"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(anonymous.statusCode()).isEqualTo(405);
    }

    @Test
    void aDigestFieldThatCannotBeCheckedIsRefusedNotIgnored() throws Exception {
        String q = "fileName=a.bin&product=p&version=1.0.0";

        assertThat(push("x".getBytes(), q, "Content-Digest", "sha-256=garbage").statusCode()).isEqualTo(400);
        assertThat(push("x".getBytes(), q, "Content-Digest", "sha256=" + "ab".repeat(32)).statusCode())
                .isEqualTo(400);
        HttpResponse<String> onlySha512 = push("x".getBytes(), q, "Content-Digest", "sha-512=:AAAA:");
        assertThat(onlySha512.statusCode()).isEqualTo(400);
        assertThat(onlySha512.body()).contains("sha-256");
        assertThat(push("x".getBytes(), q, "Repr-Digest", "sha-256=:" + b64sha("y") + ":").statusCode())
                .isEqualTo(422);
        assertThat(items()).isZero();
        assertThat(push("x".getBytes(), q, "Repr-Digest", "sha-256=:" + b64sha("x") + ":").statusCode())
                .isEqualTo(201);
    }

    @Test
    void problemDetailsAreUtf8() {
        HttpResponse<String> response = server.send(server.request("/api/v1/products/" + q("été 日本")));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).contains("charset=utf-8"));
        assertThat(TestServer.json(response).path("detail").asText()).contains("été 日本");
    }

    @Test
    void searchMatchesUnderscoreAndPercentLiterally() {
        push("a".getBytes(), "fileName=host_3.deb&product=p&version=1.0.0");
        push("b".getBytes(), "fileName=hostX3.deb&product=p&version=1.0.0");

        JsonNode underscore = TestServer.json(server.send(server.request("/api/v1/search?name=host_3")));
        JsonNode percent = TestServer.json(server.send(server.request("/api/v1/search?name=%25")));

        assertThat(underscore).extracting(n -> n.path("fileName").asText()).containsExactly("host_3.deb");
        assertThat(percent).isEmpty();
    }

    @Test
    void jsonBodiesAreStrictAndBounded() {
        HttpResponse<String> typo = postJson("/api/v1/products", "{\"name\":\"x\",\"sheme\":\"debian\"}");
        HttpResponse<String> trailing = postJson("/api/v1/products", "{\"name\":\"x\"} trailing");
        HttpResponse<String> duplicate = postJson("/api/v1/products", "{\"name\":\"x\",\"name\":\"y\"}");
        HttpResponse<String> wrongType = postJson("/api/v1/products", "{\"name\":42}");
        HttpResponse<String> huge = postJson("/api/v1/products", "{\"name\":\"" + "x".repeat(100_000) + "\"}");
        HttpResponse<String> notHttp = postJson("/api/v1/products", "{\"name\":\"x\",\"homepage\":\"javascript:1\"}");

        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("sheme");
        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(notHttp.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(server.send(server.request("/api/v1/products")))).isEmpty();
    }

    @Test
    void creatingAProductAgainIsANoOpUnlessItDiffers() {
        String body = "{\"name\":\"db\",\"scheme\":\"calendar\",\"supplier\":\"Acme\"}";

        assertThat(postJson("/api/v1/products", body).statusCode()).isEqualTo(201);
        assertThat(postJson("/api/v1/products", body).statusCode()).isEqualTo(200);
        HttpResponse<String> different = postJson("/api/v1/products",
                "{\"name\":\"db\",\"scheme\":\"calendar\",\"supplier\":\"Other\"}");
        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(different.body()).contains("Acme");
    }

    @Test
    void malformedRangesAreIgnoredAndOnlyUnsatisfiableOnesRefused() {
        push("0123456789".getBytes(), "fileName=r.bin&product=p&version=1.0.0");
        String path = "/api/v1/products/p/versions/1.0.0/files/r.bin";

        for (String ignored : List.of("garbage", "bytes=", "bytes=abc-def", "items=0-5", "bytes=5-2",
                "bytes=0-1,3-4")) {
            HttpResponse<String> r = server.send(server.request(path).header("Range", ignored));
            assertThat(r.statusCode()).as(ignored).isEqualTo(200);
            assertThat(r.body()).as(ignored).isEqualTo("0123456789");
        }
        assertThat(server.send(server.request(path).header("Range", "bytes=10-")).statusCode()).isEqualTo(416);
        assertThat(server.send(server.request(path).header("Range", "bytes=-0")).statusCode()).isEqualTo(416);
        assertThat(server.send(server.request(path).header("Range", "bytes=8-100")).body()).isEqualTo("89");
    }

    @Test
    void versionsAndNamesThatWouldBeAmbiguousAreRefused() {
        for (String version : List.of("latest", "LATEST", "..", "1/2", " 1.0", "1.0 ")) {
            HttpResponse<String> r = push("x".getBytes(), "fileName=a.bin&product=p&scheme=opaque&version="
                    + q(version));
            assertThat(r.statusCode()).as("version '%s'", version).isEqualTo(400);
        }
        assertThat(push("x".getBytes(), "fileName=%20%20&product=p&version=1.0.0").statusCode()).isEqualTo(400);
        assertThat(push("x".getBytes(), "fileName=a%EF%BF%BD.bin&product=p&version=1.0.0").statusCode())
                .isEqualTo(400);
        assertThat(push("x".getBytes(), "fileName=a.bin&product=p&version=1.0.0&size=-5").statusCode())
                .isEqualTo(400);
        assertThat(items()).isZero();
    }
}
