package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists products, the versions of a product (in its scheme's order), or the files of a version. */
@Command(name = "ls", description = "List products, a product's versions, or a version's files.")
final class ListCommand extends ClientCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PRODUCT")
    String product;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
    String version;

    @Option(names = "--desc", description = "Newest version first.")
    boolean descending;

    @Override
    public Integer call() {
        ApiClient api = client();
        if (product == null) {
            JsonNode products = api.get("api/v1/products?limit=1000");
            if (json) {
                printJson(products);
                return 0;
            }
            Table t = new Table("PRODUCT", "SCHEME", "KIND", "SUPPLIER");
            products.forEach(p -> t.row(p.path("name").asText(), p.path("scheme").asText(), p.path("kind").asText()
                    .toLowerCase(java.util.Locale.ROOT), p.path("supplier").asText(null)));
            t.print(out());
            return 0;
        }
        String p = ApiClient.segment(product);
        if (version == null) {
            JsonNode versions = api.get("api/v1/products/" + p + "/versions" + (descending ? "?order=desc" : ""));
            if (json) {
                printJson(versions);
                return 0;
            }
            Table t = new Table("VERSION", "STATUS", "ADDED", "BY");
            versions.forEach(v -> t.row(v.path("version").asText(), v.path("status").asText()
                    .toLowerCase(java.util.Locale.ROOT), v.path("createdAt").asText(), v.path("createdBy").asText()));
            t.print(out());
            return 0;
        }
        JsonNode detail = api.get("api/v1/products/" + p + "/versions/" + ApiClient.segment(version));
        if (json) {
            printJson(detail.path("media"));
            return 0;
        }
        Table t = new Table("FILE", "SIZE", "SHA256", "FORMAT");
        detail.path("media").forEach(m -> t.row(m.path("fileName").asText(), Progress.human(m.path("size").asLong()),
                m.path("sha256").asText(), m.path("format").asText()));
        t.print(out());
        return 0;
    }
}
