package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Finds media items by name, supplier, licence or digest. */
@Command(name = "search", description = "Find media items by name, supplier, licence or SHA-256.")
final class SearchCommand extends ClientCommand {

    @Option(names = "--name", description = "Part of a product or file name.")
    String name;

    @Option(names = "--supplier", description = "Part of a supplier's name.")
    String supplier;

    @Option(names = "--license", description = "Part of a licence.")
    String license;

    @Option(names = "--digest", description = "A SHA-256 (hex).")
    String digest;

    @Override
    public Integer call() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("name", name);
        q.put("supplier", supplier);
        q.put("license", license);
        q.put("digest", digest);
        JsonNode found = client().get("api/v1/search" + ApiClient.query(q));
        if (json) {
            printJson(found);
            return 0;
        }
        Table t = new Table("PRODUCT", "VERSION", "FILE", "LICENCE", "SHA256");
        found.forEach(m -> t.row(m.path("product").asText(), m.path("version").asText(), m.path("fileName").asText(),
                m.path("license").asText(null), m.path("sha256").asText()));
        t.print(out());
        return 0;
    }
}
