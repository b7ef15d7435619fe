package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer policy}: the release policy, read by everyone and set by admins. */
@Command(name = "policy", description = "Show or set the release policy.",
        subcommands = {PolicyCommand.Show.class, PolicyCommand.Set.class, PolicyCommand.Versions.class})
final class PolicyCommand implements Runnable {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String header(JsonNode p) {
        return p.path("version").asInt() == 0 ? "# release policy version 0 (built in)"
                : "# release policy version " + p.path("version").asInt() + " (" + p.path("format").asText()
                        + "), set by " + Table.clean(p.path("createdBy").asText()) + " at "
                        + p.path("createdAt").asText();
    }

    @Command(name = "show", description = "Print the policy in effect, or an older version.")
    static final class Show extends ClientCommand {
        @Option(names = "--version", description = "This version instead of the one in effect.")
        Integer version;

        @Override
        public Integer call() {
            JsonNode p = client().get("api/v1/policy" + (version == null ? "" : "?version=" + version));
            if (json) {
                printJson(p);
                return 0;
            }
            out().println(header(p));
            out().print(p.path("text").asText());
            out().flush();
            if (!p.path("text").asText().endsWith("\n")) {
                out().println();
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Set a new version of the policy from a YAML or TOML file (admins).")
    static final class Set extends ClientCommand {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--format", description = "yaml or toml (default: from the file name, else yaml).")
        String format;

        @Override
        public Integer call() throws IOException {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CofferException(Failure.NOT_FOUND, "no file " + file);
            }
            String f = format != null ? format
                    : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".toml") ? "toml" : "yaml";
            ApiClient api = client();
            JsonNode p = api.send(api.request("api/v1/policy?format=" + ApiClient.segment(f))
                    .header("Content-Type", "application/" + f)
                    .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
            if (json) {
                printJson(p);
            } else {
                out().printf("release policy version %d in effect%n", p.path("version").asInt());
            }
            return 0;
        }
    }

    @Command(name = "versions", description = "List every version of the policy.")
    static final class Versions extends ClientCommand {
        @Override
        public Integer call() {
            JsonNode list = client().get("api/v1/policy/versions");
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("VERSION", "FORMAT", "SET BY", "AT", "SHA256");
            list.forEach(p -> t.row(p.path("version").asInt(), p.path("format").asText(),
                    p.path("createdBy").asText(), ReleaseCommand.text(p.path("createdAt")), p.path("sha256").asText()));
            t.print(out());
            return 0;
        }
    }
}
