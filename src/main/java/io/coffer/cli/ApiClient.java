package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CLI's way to the server: JSON calls and streamed transfers over the API, with the bearer
 * token on every request. A problem response becomes a {@link CofferException} carrying the
 * server's detail, so the CLI prints one line and exits with the code for its kind.
 */
final class ApiClient {

    private final URI base;
    private final String token;
    private final HttpClient http;

    ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI base() {
        return base;
    }

    JsonNode get(String path) {
        return json(send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    JsonNode post(String path, Object body) {
        HttpRequest req = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.canonical(body))).build();
        return json(send(req, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** Sends a request whose body the caller built (e.g. a streamed upload). */
    JsonNode send(HttpRequest.Builder builder) {
        return json(send(builder.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** Opens a streamed download; the caller closes the body. Throws for error statuses. */
    HttpResponse<InputStream> stream(String path) {
        HttpResponse<InputStream> response = send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            json(response);
        }
        return response;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofHours(12));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new CofferException(Failure.UNAVAILABLE, "cannot reach the Coffer server at " + base
                    + " (set COFFER_URL, or start one with './coffer serve')", e);
        } catch (IOException e) {
            throw new CofferException(Failure.UNAVAILABLE, "the connection to " + base + " failed: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CofferException(Failure.UNAVAILABLE, "interrupted while talking to " + base, e);
        }
    }

    private static JsonNode json(HttpResponse<InputStream> response) {
        JsonNode body;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readAllBytes();
            body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            if (response.statusCode() >= 400) {
                throw new CofferException(Failure.ofHttpStatus(response.statusCode()), "the server answered "
                        + response.statusCode() + " without a readable problem document");
            }
            throw new CofferException(Failure.INTERNAL, "the server's answer is not JSON: " + e.getMessage(), e);
        }
        if (response.statusCode() >= 400) {
            String detail = body.path("detail").asText("the server answered " + response.statusCode());
            throw new CofferException(Failure.ofHttpStatus(response.statusCode()), detail);
        }
        return body;
    }

    static String query(Map<String, String> params) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.setEmptyValue("");
        params.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
