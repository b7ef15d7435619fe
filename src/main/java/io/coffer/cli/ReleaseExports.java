package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The release exports on the command line: diff, notes, SBOM and calendar. */
final class ReleaseExports {

    private ReleaseExports() {}

    /** Writes a text export to the terminal, or atomically to a file. */
    abstract static class Export extends ClientCommand {

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of the "
                + "terminal.")
        Path output;

        Integer write(String path) throws IOException {
            String text;
            try (InputStream in = client().stream(path).body()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (output == null) {
                out().print(text);
                out().flush();
                return 0;
            }
            Path tmp = output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".part");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return 0;
        }
    }

    @Command(name = "diff", description = "What changed against another release (default: its predecessor).")
    static final class Diff extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Option(names = "--against", paramLabel = "RELEASE", description = "The release to compare with.")
        String against;

        @Override
        public Integer call() {
            JsonNode diff = client().get("api/v1/releases/" + ApiClient.segment(id) + "/diff"
                    + (against == null ? "" : "?against=" + ApiClient.segment(against)));
            if (json) {
                printJson(diff);
                return 0;
            }
            out().printf("%s against %s%n", diff.path("release").asText(), diff.path("against").asText());
            Table t = new Table("PRODUCT", "CHANGE", "FROM", "TO");
            diff.path("changes").forEach(c -> t.row(c.path("product").asText(), c.path("kind").asText()
                    .toLowerCase(java.util.Locale.ROOT), join(c.path("fromVersions")), join(c.path("toVersions"))));
            t.print(out());
            return 0;
        }

        private static String join(JsonNode versions) {
            StringBuilder b = new StringBuilder();
            versions.forEach(v -> b.append(b.isEmpty() ? "" : ", ").append(v.asText()));
            return b.isEmpty() ? null : b.toString();
        }
    }

    @Command(name = "notes", description = "Release notes in Markdown, with the changes since its predecessor.")
    static final class Notes extends Export {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Override
        public Integer call() throws IOException {
            return write("api/v1/releases/" + ApiClient.segment(id) + "/notes.md");
        }
    }

    @Command(name = "sbom", description = "A CycloneDX SBOM (JSON) of the release's content.")
    static final class Sbom extends Export {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Override
        public Integer call() throws IOException {
            return write("api/v1/releases/" + ApiClient.segment(id) + "/sbom.json");
        }
    }

    @Command(name = "calendar", description = "The release calendar as iCalendar, one event per scheduled release.")
    static final class Calendar extends Export {
        @Override
        public Integer call() throws IOException {
            return write("api/v1/releases/calendar.ics");
        }
    }
}
