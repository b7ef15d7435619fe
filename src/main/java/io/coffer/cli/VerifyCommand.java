package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** Asks the server to rehash every blob and check every catalog entry has its blob. */
@Command(name = "verify", description = "Rehash every master copy and check the catalog against the store.")
final class VerifyCommand extends ClientCommand {

    static final int DAMAGED = 74;

    @Override
    public Integer call() {
        JsonNode r = client().post("api/v1/verify", java.util.Map.of());
        boolean ok = r.path("damaged").isEmpty() && r.path("missing").isEmpty();
        if (json) {
            printJson(r);
            return ok ? 0 : DAMAGED;
        }
        out().printf("checked %d blobs (%s)%n", r.path("blobsChecked").asLong(),
                Progress.human(r.path("bytesChecked").asLong()));
        for (JsonNode d : r.path("damaged")) {
            out().printf("DAMAGED  %s: %s%n", d.path("expected").path("hex").asText(d.path("expected").asText()),
                    d.path("reason").asText());
        }
        for (JsonNode m : r.path("missing")) {
            out().printf("MISSING  %s %s %s: blob %s is gone%n", Table.clean(m.path("product").asText()),
                    Table.clean(m.path("version").asText()), Table.clean(m.path("fileName").asText()),
                    m.path("sha256").asText());
        }
        if (!r.path("unreferenced").isEmpty()) {
            out().printf("%d blob(s) no catalog entry refers to (left by interrupted pushes; harmless)%n",
                    r.path("unreferenced").size());
        }
        out().println(ok ? "library OK" : "library DAMAGED");
        return ok ? 0 : DAMAGED;
    }
}
