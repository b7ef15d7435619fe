package io.coffer.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import io.coffer.auth.Access;
import io.coffer.auth.Role;
import io.coffer.testing.AdjustableClock;
import io.coffer.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and tokens through the HTTP API, end to end, on a server whose clock the test moves. */
class AdminHttpTest {

    @TempDir
    Path data;

    AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-02T09:00:00Z"));
    TestServer server;

    /** A route an approver may call that a librarian-only token may not, and one the other way round. */
    static final Access APPROVER_ROUTE = Access.PRODUCTS_LIST;
    static final Access LIBRARIAN_ROUTE = Access.PRODUCT_CREATE;

    @BeforeEach
    void start() {
        server = TestServer.start(data, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, Object body) {
        return server.send(server.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.canonical(body))));
    }

    private HttpResponse<String> get(String path) {
        return server.send(server.request(path).GET());
    }

    private HttpResponse<String> as(String secret, Access route) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(route.path())).header("Authorization",
                "Bearer " + secret);
        if (route.method().equals("POST")) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"from-a-test\"}"));
        }
        return server.send(b);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = TestServer.json(response);
        assertThat(problem.path("type").asText()).isEqualTo("/problems/" + type);
        assertThat(problem.path("detail").asText()).contains(detailPart);
    }

    private List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        TestServer.json(get("/api/v1/events?limit=10000")).forEach(out::add);
        return out;
    }

    private String addUserWithToken(String name, List<String> roles, String expires) {
        assertThat(post("/api/v1/users", Map.of("name", name, "roles", roles)).statusCode()).isEqualTo(201);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("user", name));
        if (expires != null) {
            body.put("expires", expires);
        }
        HttpResponse<String> created = post("/api/v1/tokens", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestServer.json(created).path("secret").asText();
    }

    @Test
    void theRoutesChosenHereReallySeparateApproversFromLibrarians() {
        assertThat(APPROVER_ROUTE.roles()).contains(Role.APPROVER);
        assertThat(LIBRARIAN_ROUTE.roles()).contains(Role.LIBRARIAN).doesNotContain(Role.APPROVER);
    }

    @Test
    void theBootstrapAdminIsAUser() {
        JsonNode users = TestServer.json(get("/api/v1/users"));

        assertThat(users).hasSize(1);
        assertThat(users.get(0).path("name").asText()).isEqualTo("admin");
        assertThat(users.get(0).path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(users.get(0).path("createdBy").asText()).isEqualTo("coffer");
    }

    @Test
    void anAdminGivesAUserTheApproverRoleAndATokenThatWorksForApproverRoutesOnly() {
        HttpResponse<String> added = post("/api/v1/users", Map.of("name", "alice", "roles", List.of("approver")));
        HttpResponse<String> created = post("/api/v1/tokens", Map.of("user", "alice", "name", "laptop"));
        String secret = TestServer.json(created).path("secret").asText();

        HttpResponse<String> whoami = as(secret, Access.WHOAMI);
        HttpResponse<String> allowed = as(secret, APPROVER_ROUTE);
        HttpResponse<String> refused = as(secret, LIBRARIAN_ROUTE);

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.headers().firstValue("Location")).contains("/api/v1/users/alice");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(secret).startsWith("coffer_");
        assertThat(TestServer.json(whoami).toString()).isEqualTo("{\"name\":\"alice\",\"roles\":[\"approver\"]}");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertProblem(refused, 403, "forbidden", "alice may not POST /api/v1/products");
    }

    @Test
    void aTokenExpiresWhenTheServersClockPassesItsExpiry() {
        String secret = addUserWithToken("alice", List.of("approver"), "1h");
        assertThat(as(secret, APPROVER_ROUTE).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(59));
        int before = as(secret, APPROVER_ROUTE).statusCode();
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> after = as(secret, APPROVER_ROUTE);

        assertThat(before).isEqualTo(200);
        assertProblem(after, 401, "unauthenticated", "expired");
        assertThat(TestServer.json(get("/api/v1/tokens?user=alice")).get(0).path("state").asText())
                .isEqualTo("expired");
    }

    @Test
    void aRevokedTokenIsRefusedWithTheNextRequest() {
        String secret = addUserWithToken("alice", List.of("approver"), null);
        assertThat(as(secret, APPROVER_ROUTE).statusCode()).isEqualTo(200);
        long id = TestServer.json(get("/api/v1/tokens?user=alice")).get(0).path("id").asLong();

        HttpResponse<String> revoked = post("/api/v1/tokens/" + id + "/revoke", Map.of());

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(revoked).path("state").asText()).isEqualTo("revoked");
        assertProblem(as(secret, APPROVER_ROUTE), 401, "unauthenticated", "revoked");
    }

    @Test
    void disablingAUserRefusesTheirTokensWithTheNextRequest() {
        String secret = addUserWithToken("alice", List.of("approver"), null);
        assertThat(as(secret, APPROVER_ROUTE).statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = post("/api/v1/users/alice/disable", Map.of("reason", "left"));

        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(disabled).path("disabled").asBoolean()).isTrue();
        assertProblem(as(secret, APPROVER_ROUTE), 401, "unauthenticated", "not valid");
    }

    @Test
    void takingTheRoleARouteNeedsRefusesItWithTheNextRequest() {
        String secret = addUserWithToken("alice", List.of("approver", "librarian"), null);
        assertThat(as(secret, LIBRARIAN_ROUTE).statusCode()).isNotIn(401, 403);

        HttpResponse<String> changed = post("/api/v1/users/alice/roles", Map.of("roles", List.of("approver")));

        assertThat(TestServer.json(changed).path("roles").toString()).isEqualTo("[\"approver\"]");
        assertProblem(as(secret, LIBRARIAN_ROUTE), 403, "forbidden", "librarian");
        assertThat(as(secret, APPROVER_ROUTE).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserIsShownWithTheirTokensButNeverASecretOrHash() {
        String secret = addUserWithToken("alice", List.of("approver"), "30d");

        HttpResponse<String> shown = get("/api/v1/users/alice");
        HttpResponse<String> listed = get("/api/v1/tokens");
        HttpResponse<String> log = get("/api/v1/events?limit=10000");

        JsonNode token = TestServer.json(shown).path("tokens").get(0);
        assertThat(token.path("user").asText()).isEqualTo("alice");
        assertThat(token.path("name").asText()).isEqualTo("alice");
        assertThat(token.path("roles").toString()).isEqualTo("[\"approver\"]");
        assertThat(token.path("effectiveRoles").toString()).isEqualTo("[\"approver\"]");
        assertThat(token.path("state").asText()).isEqualTo("active");
        assertThat(token.path("expiresAt").asText()).isEqualTo("2026-04-01T09:00:00Z");
        assertThat(token.has("secret")).isFalse();
        for (HttpResponse<String> r : List.of(shown, listed, log)) {
            assertThat(r.body()).doesNotContain(secret).doesNotContain(secret.substring(7, 20))
                    .doesNotContain("token_hash").doesNotContain("tokenHash");
        }
        assertThat(TestServer.json(listed)).hasSize(2);
    }

    @Test
    void everyChangeIsAnEventWithBeforeAndAfter() {
        String secret = addUserWithToken("alice", List.of("approver", "auditor"), null);
        post("/api/v1/users/alice/roles", Map.of("roles", List.of("approver")));
        long id = TestServer.json(get("/api/v1/tokens?user=alice")).get(0).path("id").asLong();
        post("/api/v1/tokens/" + id + "/revoke", Map.of());
        post("/api/v1/users/alice/disable", Map.of());

        List<JsonNode> events = events();

        assertThat(events).extracting(e -> e.path("action").asText()).containsExactly("user.added",
                "token.created", "user.added", "token.created", "user.roles-changed", "token.revoked",
                "user.disabled");
        assertThat(events.subList(2, 7)).allSatisfy(e -> {
            assertThat(e.path("actor").asText()).isEqualTo("admin");
            assertThat(e.path("details").has("before")).isTrue();
            assertThat(e.path("details").has("after")).isTrue();
        });
        assertThat(events.get(4).path("details").path("before").path("roles").toString())
                .isEqualTo("[\"approver\",\"auditor\"]");
        assertThat(events.get(4).path("details").path("after").path("roles").toString()).isEqualTo("[\"approver\"]");
        assertThat(secret).isNotBlank();
    }

    @Test
    void anUnknownRoleIsABadRequestListingTheValidRoles() {
        HttpResponse<String> user = post("/api/v1/users", Map.of("name", "bob", "roles", List.of("root")));
        addUserWithToken("alice", List.of("viewer"), null);
        HttpResponse<String> token = post("/api/v1/tokens", Map.of("user", "alice", "roles", List.of("god")));

        assertProblem(user, 400, "unknown-role", "role 'root' is not known; valid roles are viewer, librarian, "
                + "release-manager, approver, auditor, admin, agent");
        assertProblem(token, 400, "unknown-role", "role 'god' is not known");
        assertProblem(get("/api/v1/users/bob"), 404, "no-such-user", "no user 'bob'");
    }

    @Test
    void aDuplicateUserIsAConflict() {
        post("/api/v1/users", Map.of("name", "alice", "roles", List.of("viewer")));
        long before = events().size();

        HttpResponse<String> again = post("/api/v1/users", Map.of("name", "ALICE", "roles", List.of("viewer")));

        assertProblem(again, 409, "user-exists", "'alice'");
        assertThat(events()).hasSize((int) before);
    }

    @Test
    void aTokenForAnUnknownUserIsNotFound() {
        HttpResponse<String> token = post("/api/v1/tokens", Map.of("user", "ghost"));
        HttpResponse<String> list = get("/api/v1/tokens?user=ghost");
        HttpResponse<String> roles = post("/api/v1/users/ghost/roles", Map.of("roles", List.of("viewer")));
        HttpResponse<String> disable = post("/api/v1/users/ghost/disable", Map.of());
        HttpResponse<String> revoke = post("/api/v1/tokens/424242/revoke", Map.of());

        assertProblem(token, 404, "no-such-user", "no user 'ghost'");
        assertProblem(list, 404, "no-such-user", "no user 'ghost'");
        assertProblem(roles, 404, "no-such-user", "no user 'ghost'");
        assertProblem(disable, 404, "no-such-user", "no user 'ghost'");
        assertProblem(revoke, 404, "no-such-token", "no token 424242");
    }

    @Test
    void aTokenWithRolesBeyondItsUsersIsAConflictSayingWhichRoles() {
        post("/api/v1/users", Map.of("name", "alice", "roles", List.of("approver")));
        long before = events().size();

        HttpResponse<String> refused = post("/api/v1/tokens", Map.of("user", "alice", "roles",
                List.of("approver", "librarian", "admin")));

        assertProblem(refused, 409, "roles-beyond-user", "user 'alice' does not have the roles admin, librarian");
        assertThat(events()).hasSize((int) before);
    }

    @Test
    void badExpiriesNamesAndBodiesAreBadRequestsThatChangeNothing() {
        post("/api/v1/users", Map.of("name", "alice", "roles", List.of("viewer")));
        long before = events().size();

        assertProblem(post("/api/v1/tokens", Map.of("user", "alice", "expires", "tomorrow")), 400, "invalid-expiry",
                "expiry 'tomorrow' is not understood");
        assertProblem(post("/api/v1/tokens", Map.of("user", "alice", "expires", "2026-03-01T00:00:00Z")), 400,
                "invalid-expiry", "not in the future");
        assertProblem(post("/api/v1/users", Map.of("name", "bad name", "roles", List.of("viewer"))), 400,
                "invalid-user-name", "U+0020");
        assertProblem(post("/api/v1/users", Map.of("name", "bob")), 400, "no-roles", "at least one role");
        assertProblem(post("/api/v1/users", Map.of("name", "bob", "roles", "viewer")), 400, "invalid-request",
                "field 'roles' must be an array of strings");
        assertProblem(post("/api/v1/tokens", Map.of("roles", List.of("viewer"))), 400, "invalid-request",
                "field 'user' is required");
        assertProblem(post("/api/v1/tokens/abc/revoke", Map.of()), 400, "invalid-request", "token id 'abc'");
        assertProblem(server.send(server.request("/api/v1/users").POST(HttpRequest.BodyPublishers.ofString("[1,"))),
                400, "invalid-request", "not valid JSON");
        byte[] huge = new byte[100_000];
        Arrays.fill(huge, (byte) ' ');
        assertProblem(server.send(server.request("/api/v1/users").POST(HttpRequest.BodyPublishers.ofByteArray(huge))),
                413, "too-large", "larger than");
        assertThat(events()).hasSize((int) before);
    }

    @Test
    void theLastAdminCannotBeDisabled() {
        HttpResponse<String> refused = post("/api/v1/users/admin/disable", Map.of());

        assertProblem(refused, 409, "last-admin", "only enabled user with the admin role");
        assertThat(TestServer.json(get("/api/v1/users/admin")).path("disabled").asBoolean()).isFalse();
    }
}
