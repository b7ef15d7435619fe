package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The shared part of every command that talks to a server: where it is, the token, and how to
 * print. The server is found through {@code --url}, {@code COFFER_URL}, or the config file
 * ({@code ~/.config/coffer/config}, properties {@code url} and {@code token}), in that order,
 * defaulting to {@code http://127.0.0.1:8420}. The token comes from {@code COFFER_TOKEN}, the
 * config file, or, for a server on this machine using the default data directory, from
 * {@code ./coffer-data/admin.token}.
 */
abstract class ClientCommand implements java.util.concurrent.Callable<Integer> {

    Map<String, String> env = System.getenv();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", description = "Server URL (default: $COFFER_URL or http://127.0.0.1:8420).")
    String url;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ApiClient client() {
        Properties file = configFile();
        String base = firstOf(url, env.get("COFFER_URL"), file.getProperty("url"), "http://127.0.0.1:8420");
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        String token = firstOf(env.get("COFFER_TOKEN"), file.getProperty("token"), localAdminToken());
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new io.coffer.CofferException(io.coffer.Failure.INVALID, "server URL '" + base
                    + "' is not a URL; expected e.g. http://127.0.0.1:8420");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new io.coffer.CofferException(io.coffer.Failure.INVALID, "server URL '" + base
                    + "' must be http:// or https:// with a host, e.g. http://127.0.0.1:8420");
        }
        if (uri.getPath().contains("/api/")) {
            throw new io.coffer.CofferException(io.coffer.Failure.INVALID, "server URL '" + base
                    + "' should be the server's root, without /api/v1");
        }
        if (token == null) {
            throw new io.coffer.CofferException(io.coffer.Failure.UNAUTHENTICATED, "no token: set COFFER_TOKEN, "
                    + "or token= in the config file, or run from the directory holding coffer-data/admin.token");
        }
        return new ApiClient(uri, token);
    }

    void printJson(JsonNode node) {
        try {
            out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Properties configFile() {
        Properties p = new Properties();
        String home = firstOf(env.get("COFFER_CONFIG"), null, null, null);
        Path path = home != null ? Path.of(home)
                : Path.of(firstOf(env.get("XDG_CONFIG_HOME"), System.getProperty("user.home") + "/.config", null,
                        null), "coffer", "config");
        if (Files.isRegularFile(path)) {
            try (var reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(reader);
            } catch (IOException e) {
                throw new io.coffer.CofferException(io.coffer.Failure.INVALID, "cannot read the config file " + path
                        + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    private static String localAdminToken() {
        Path file = Path.of("coffer-data", "admin.token");
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstOf(String a, String b, String c, String d) {
        for (String s : new String[] {a, b, c, d}) {
            if (s != null && !s.isBlank()) {
                return s.strip();
            }
        }
        return null;
    }

    private static String firstOf(String a, String b, String c) {
        return firstOf(a, b, c, null);
    }
}
