package io.coffer.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.auth.Access;
import io.coffer.auth.Role;
import io.coffer.auth.Tokens;
import io.coffer.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walks every route of the one access table with no token and with a token of each role. */
class AccessTest {

    @TempDir
    static Path data;

    static TestServer server;
    static Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
        Tokens t = server.server().tokens();
        for (Role role : Role.values()) {
            tokens.put(role, t.mint("test-" + role.id(), "user-" + role.id(), Set.of(role), null, "admin").secret());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(Access route, String token) {
        String path = route.path().replace("{product}", "p").replace("{version}", "1.0.0").replace("{file}", "f")
                .replace("{id}", "1").replace("{sha256}", "0".repeat(64));
        // Any other path parameter (a user, a token, ...) gets a value that names nothing.
        path = path.replaceAll("\\{[A-Za-z]+}", "x");
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .method(route.method(), route.method().equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b);
    }

    @Test
    void everyRouteButThePublicOnesRefusesCallersWithoutAToken() {
        for (Access route : Access.values()) {
            int status = call(route, null).statusCode();

            if (route.isPublic()) {
                assertThat(status).as(route.name()).isNotIn(401, 403);
            } else {
                assertThat(status).as(route.name()).isEqualTo(401);
            }
        }
    }

    @Test
    void everyRouteAllowsExactlyTheRolesItsEntryNames() {
        for (Access route : Access.values()) {
            if (route.isPublic()) {
                continue;
            }
            for (Role role : Role.values()) {
                boolean allowed = role == Role.ADMIN || route.roles().contains(role);

                int status = call(route, tokens.get(role)).statusCode();

                if (allowed) {
                    assertThat(status).as(route + " as " + role).isNotIn(401, 403);
                } else {
                    assertThat(status).as(route + " as " + role).isEqualTo(403);
                }
            }
        }
    }
}
