package io.coffer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import io.coffer.server.CofferServer;
import io.coffer.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A real Coffer server on a free loopback port over a temporary data directory, with its admin token. */
public final class TestServer implements AutoCloseable {

    private final CofferServer server;
    private final Path data;
    private final String adminToken;
    private final String firstStartOutput;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(CofferServer server, Path data, String adminToken, String firstStartOutput) {
        this.server = server;
        this.data = data;
        this.adminToken = adminToken;
        this.firstStartOutput = firstStartOutput;
    }

    public static TestServer start(Path data) {
        return start(ServerConfig.embedded(data, 0));
    }

    public static TestServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** A server whose every "now" (events, token expiry) comes from {@code clock}, e.g. an {@link AdjustableClock}. */
    public static TestServer start(Path data, Clock clock) {
        return start(ServerConfig.embedded(data, 0), clock);
    }

    public static TestServer start(ServerConfig config, Clock clock) {
        try {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            CofferServer server = CofferServer.start(config, clock,
                    new PrintStream(console, true, StandardCharsets.UTF_8));
            String token = Files.readString(config.dataDir().resolve("admin.token")).strip();
            return new TestServer(server, config.dataDir(), token, console.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    public Path data() {
        return data;
    }

    public String adminToken() {
        return adminToken;
    }

    public String firstStartOutput() {
        return firstStartOutput;
    }

    public CofferServer server() {
        return server;
    }

    /** A request with the admin token. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + adminToken);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
