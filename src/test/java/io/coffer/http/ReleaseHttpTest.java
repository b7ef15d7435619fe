package io.coffer.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.auth.Role;
import io.coffer.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release API's JSON: answers, problem documents and the signed manifest document. */
class ReleaseHttpTest {

    @TempDir
    Path data;

    TestServer server;
    String manager;
    String approver;

    @BeforeEach
    void start() {
        server = TestServer.start(data);
        manager = server.server().tokens().mint("rm", "rita", Set.of(Role.RELEASE_MANAGER), null, "admin").secret();
        approver = server.server().tokens().mint("ap", "carl", Set.of(Role.APPROVER), null, "admin").secret();
        HttpResponse<String> push = server.send(server.request("/api/v1/media?fileName=tool-1.0.0.bin&product=tool"
                + "&version=1.0.0").POST(HttpRequest.BodyPublishers.ofString("tool bytes")));
        assertThat(push.statusCode()).as(push.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String token, String method, String path, String json) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    private String submittedRelease() {
        HttpResponse<String> created = call(manager, "POST", "/api/v1/releases",
                "{\"title\":\"Tool update\",\"type\":\"minor\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestServer.json(created).path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/releases/" + id);
        assertThat(call(manager, "POST", "/api/v1/releases/" + id + "/items",
                "{\"product\":\"tool\",\"version\":\"1.0.0\"}").statusCode()).isEqualTo(200);
        assertThat(call(manager, "POST", "/api/v1/releases/" + id + "/submit", null).statusCode()).isEqualTo(200);
        return id;
    }

    @Test
    void aRefusedStepIsAConflictProblemNamingTheRule() {
        String id = submittedRelease();

        HttpResponse<String> again = call(manager, "POST", "/api/v1/releases/" + id + "/submit", "{}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json; charset=utf-8");
        JsonNode problem = TestServer.json(again);
        assertThat(problem.path("type").asText()).isEqualTo("/problems/release-rule");
        assertThat(problem.path("detail").asText()).isEqualTo("refused by rule 'lifecycle': " + id
                + " is submitted; a release can submit only from draft");
    }

    @Test
    void theManifestIsTheSignedDocumentAndTheKeyIsPem() {
        String id = submittedRelease();
        call(approver, "POST", "/api/v1/releases/" + id + "/approve", "{\"comment\":\"ok\"}");

        HttpResponse<String> manifest = call(approver, "GET", "/api/v1/releases/" + id + "/manifest", null);
        HttpResponse<String> key = call(approver, "GET", "/api/v1/keys/release-signing.pub", null);

        assertThat(manifest.statusCode()).isEqualTo(200);
        JsonNode doc = TestServer.json(manifest);
        assertThat(doc.fieldNames()).toIterable().containsExactly("manifest", "signature");
        assertThat(doc.path("signature").fieldNames()).toIterable().containsExactly("algorithm", "keyId", "value");
        assertThat(doc.path("manifest").path("release").asText()).isEqualTo(id);
        assertThat(doc.path("manifest").path("manifestVersion").asInt()).isEqualTo(1);
        assertThat(key.body()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(TestServer.json(call(approver, "GET", "/api/v1/releases/" + id, null)).path("status").asText())
                .isEqualTo("approved");
    }

    @Test
    void unknownFieldsAndBadValuesAreRefusedAndChangeNothing() {
        HttpResponse<String> unknown = call(manager, "POST", "/api/v1/releases",
                "{\"title\":\"x\",\"type\":\"minor\",\"colour\":\"red\"}");
        HttpResponse<String> window = call(manager, "POST", "/api/v1/releases",
                "{\"title\":\"x\",\"type\":\"minor\",\"windowStart\":\"2027-03-28T01:30\","
                        + "\"windowEnd\":\"2027-03-28T03:00\",\"windowZone\":\"Europe/London\"}");
        HttpResponse<String> status = call(manager, "GET", "/api/v1/releases?status=finished", null);
        HttpResponse<String> list = call(manager, "GET", "/api/v1/releases", null);

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(unknown).path("detail").asText()).contains("field 'colour' is not known");
        assertThat(window.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(window).path("detail").asText()).contains("does not exist in Europe/London");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(list)).isEmpty();
    }

    @Test
    void anAdminSetsThePolicyAsTomlAndEveryoneReadsIt() {
        String toml = "[types.major]\napprovals = 2\n[types.minor]\napprovals = 1\n[types.emergency]\napprovals = 1\n";

        HttpResponse<String> set = server.send(server.request("/api/v1/policy")
                .header("Content-Type", "application/toml").PUT(HttpRequest.BodyPublishers.ofString(toml)));
        HttpResponse<String> same = server.send(server.request("/api/v1/policy")
                .header("Content-Type", "application/toml").PUT(HttpRequest.BodyPublishers.ofString(toml)));
        HttpResponse<String> byManager = call(manager, "PUT", "/api/v1/policy", toml);
        JsonNode current = TestServer.json(call(manager, "GET", "/api/v1/policy", null));
        JsonNode versions = TestServer.json(call(manager, "GET", "/api/v1/policy/versions", null));

        assertThat(set.statusCode()).as(set.body()).isEqualTo(201);
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(byManager.statusCode()).isEqualTo(403);
        assertThat(current.path("version").asInt()).isEqualTo(1);
        assertThat(current.path("format").asText()).isEqualTo("toml");
        assertThat(current.path("policy").path("types").path("major").path("approvals").asInt()).isEqualTo(2);
        assertThat(versions.findValuesAsText("format")).isEqualTo(List.of("yaml", "toml"));
    }
}
