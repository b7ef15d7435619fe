package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.library.Library;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Imports an in-toto / SLSA provenance statement as the build record of a version, or, without a
 * file, prints the statement kept for it exactly as it was imported.
 */
@Command(name = "provenance", description = "Record how a version was built from an in-toto / SLSA provenance "
        + "statement (.intoto.jsonl or .json); without FILE, print the statement kept for the version.")
final class ProvenanceCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "PRODUCT")
    String product;

    @Parameters(index = "1", paramLabel = "VERSION")
    String version;

    @Parameters(index = "2", arity = "0..1", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException {
        String path = "api/v1/products/" + ApiClient.segment(product) + "/versions/" + ApiClient.segment(version)
                + "/provenance";
        ApiClient api = client();
        if (file == null) {
            HttpResponse<java.io.InputStream> response = api.stream(path);
            try (var in = response.body()) {
                out().println(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            return 0;
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new CofferException(Failure.NOT_FOUND, "no file " + file);
        }
        if (size > Library.MAX_PROVENANCE_BYTES) {
            throw new CofferException(Failure.TOO_LARGE, file + " is " + size + " bytes; a provenance document may be "
                    + "at most " + Library.MAX_PROVENANCE_BYTES + " bytes");
        }
        JsonNode detail = api.send(api.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        if (json) {
            printJson(detail.path("build"));
            return 0;
        }
        out().printf("build record of %s %s:%n", Table.clean(product), Table.clean(version));
        ShowCommand.printBuild(out(), detail.path("build"));
        return 0;
    }
}
