package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Withdraws or deprecates a version; versions are never deleted. */
@Command(name = "status", description = "Mark a version active, deprecated or withdrawn, with the reason.")
final class StatusCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "PRODUCT")
    String product;

    @Parameters(index = "1", paramLabel = "VERSION")
    String version;

    @Parameters(index = "2", paramLabel = "STATUS", description = "active, deprecated or withdrawn")
    String status;

    @Option(names = "--reason", required = true, description = "Why, e.g. 'CVE-2026-1234'.")
    String reason;

    @Override
    public Integer call() {
        JsonNode v = client().post("api/v1/products/" + ApiClient.segment(product) + "/versions/"
                + ApiClient.segment(version) + "/status", Map.of("status", status, "reason", reason));
        if (json) {
            printJson(v);
        } else {
            out().printf("%s %s is now %s%n", Table.clean(product), Table.clean(version),
                    v.path("status").asText().toLowerCase(java.util.Locale.ROOT));
        }
        return 0;
    }
}
