package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shows a product, or a version with its media items, read metadata and offline locations. */
@Command(name = "show", description = "Show a product, or one version with its files ('latest' works).")
final class ShowCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "PRODUCT")
    String product;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
    String version;

    @Override
    public Integer call() {
        ApiClient api = client();
        String p = ApiClient.segment(product);
        if (version == null) {
            JsonNode node = api.get("api/v1/products/" + p);
            if (json) {
                printJson(node);
                return 0;
            }
            field("product", node.path("name"));
            field("supplier", node.path("supplier"));
            field("kind", node.path("kind"));
            field("scheme", node.path("scheme"));
            field("description", node.path("description"));
            field("homepage", node.path("homepage"));
            field("created", node.path("createdAt"));
            return 0;
        }
        JsonNode node = "latest".equals(version) ? api.get("api/v1/products/" + p + "/latest")
                : api.get("api/v1/products/" + p + "/versions/" + ApiClient.segment(version));
        if (json) {
            printJson(node);
            return 0;
        }
        JsonNode v = node.path("version");
        field("product", v.path("product"));
        field("version", v.path("version"));
        field("status", v.path("status"));
        if (v.hasNonNull("statusReason")) {
            out().printf("%-12s %s (by %s at %s)%n", "reason", Table.clean(v.path("statusReason").asText()),
                    Table.clean(v.path("statusBy").asText()), v.path("statusAt").asText());
        }
        field("added", v.path("createdAt"));
        field("added by", v.path("createdBy"));
        JsonNode build = node.path("build");
        if (build.isObject()) {
            out().println("build");
            printBuild(out(), build);
        }
        for (JsonNode m : node.path("media")) {
            out().println();
            field("file", m.path("fileName"));
            field("size", m.path("size"));
            field("sha256", m.path("sha256"));
            field("format", m.path("format"));
            field("media type", m.path("mediaType"));
            field("licence", m.path("license"));
            for (JsonNode loc : m.path("locations")) {
                out().printf("%-12s %s (checked by %s at %s)%n", "location", Table.clean(loc.path("location").asText()),
                        Table.clean(loc.path("checkedBy").asText()), loc.path("checkedAt").asText());
            }
            Iterator<Map.Entry<String, JsonNode>> meta = m.path("metadata").fields();
            while (meta.hasNext()) {
                Map.Entry<String, JsonNode> e = meta.next();
                out().printf("  %-18s %s%n", e.getKey(), Table.clean(e.getValue().asText()));
            }
        }
        return 0;
    }

    /**
     * A build record, one field a line in a fixed order; the provenance statement, which can be long,
     * as its size and SHA-256 ('coffer provenance P V' prints it whole).
     */
    static void printBuild(PrintWriter out, JsonNode build) {
        String[][] fields = {{"sourceRepository", "source"}, {"revision", "revision"}, {"builder", "builder"},
            {"buildCommand", "command"}, {"environment", "environment"}};
        for (String[] f : fields) {
            if (build.hasNonNull(f[0])) {
                out.printf("  %-18s %s%n", f[1], Table.clean(build.path(f[0]).asText()));
            }
        }
        if (build.hasNonNull("provenance")) {
            byte[] statement = build.path("provenance").asText().getBytes(StandardCharsets.UTF_8);
            try {
                out.printf("  %-18s in-toto statement, %s, sha256 %s%n", "provenance", Progress.human(statement.length),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(statement)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides SHA-256", e);
            }
        }
        out.printf("  %-18s %s (by %s)%n", "recorded", build.path("recordedAt").asText(),
                Table.clean(build.path("recordedBy").asText()));
    }

    private void field(String name, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            String text = value.asText();
            out().printf("%-12s %s%n", name, Table.clean(name.equals("kind") || name.equals("status")
                    ? text.toLowerCase(Locale.ROOT) : text));
        }
    }
}
