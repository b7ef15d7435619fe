package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer release}: the release programme from the command line. */
@Command(name = "release", description = "Assemble, approve, schedule, deploy and close releases.",
        subcommands = {ReleaseCommand.Create.class, ReleaseCommand.Edit.class, ReleaseCommand.Ls.class,
                ReleaseCommand.Show.class, ReleaseContent.Add.class, ReleaseContent.Rm.class,
                ReleaseContent.Baseline.class, ReleaseContent.Evidence.class, ReleaseSteps.Submit.class,
                ReleaseSteps.Approve.class, ReleaseSteps.Reject.class, ReleaseSteps.Schedule.class,
                ReleaseSteps.Deploy.class, ReleaseSteps.Close.class, ReleaseSteps.Cancel.class,
                ReleaseSteps.Rollback.class, ReleaseCommand.History.class, ReleaseCommand.ManifestCommand.class,
                ReleaseCommand.Key.class, ReleaseVerifyCommand.class, ReleaseExports.Diff.class,
                ReleaseExports.Notes.class, ReleaseExports.Sbom.class, ReleaseExports.Calendar.class})
final class ReleaseCommand implements Runnable {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String path(String id) {
        return "api/v1/releases/" + ApiClient.segment(id);
    }

    /** Text given inline or read from a file; null when neither. */
    static String textOrFile(String text, Path file, String what) throws IOException {
        if (text != null && file != null) {
            throw new CofferException(Failure.INVALID, "give the " + what + " either as text or as a file, not both");
        }
        if (file == null) {
            return text;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CofferException(Failure.NOT_FOUND, "no file " + file);
        }
    }

    /** The options that describe a release, shared by create and edit. */
    static class Details {
        @Option(names = "--title", description = "What the release is, in one line.")
        String title;

        @Option(names = "--type", description = "major, minor or emergency.")
        String type;

        @Option(names = "--owner", description = "Who answers for the release (default: you).")
        String owner;

        @Option(names = "--start", description = "Planned window start, e.g. 2027-03-27T02:00 (local time in "
                + "--zone) or 2027-10-31T01:30+01:00.")
        String start;

        @Option(names = "--end", description = "Planned window end, likewise.")
        String end;

        @Option(names = "--zone", description = "IANA time zone of the window, e.g. Europe/London.")
        String zone;

        @Option(names = "--notes", description = "Release notes.")
        String notes;

        @Option(names = "--notes-file", description = "Read the release notes from this file.")
        Path notesFile;

        @Option(names = "--backout-plan", description = "How to back the release out.")
        String backoutPlan;

        @Option(names = "--backout-plan-file", description = "Read the back-out plan from this file.")
        Path backoutPlanFile;

        Map<String, Object> body() throws IOException {
            Map<String, Object> b = new LinkedHashMap<>();
            put(b, "title", title);
            put(b, "type", type);
            put(b, "owner", owner);
            put(b, "windowStart", start);
            put(b, "windowEnd", end);
            put(b, "windowZone", zone);
            put(b, "notes", textOrFile(notes, notesFile, "notes"));
            put(b, "backoutPlan", textOrFile(backoutPlan, backoutPlanFile, "back-out plan"));
            return b;
        }

        private static void put(Map<String, Object> b, String key, Object value) {
            if (value != null) {
                b.put(key, value);
            }
        }
    }

    @Command(name = "create", description = "Create a draft release.")
    static final class Create extends ClientCommand {
        @CommandLine.Mixin
        Details details = new Details();

        @Option(names = "--baseline", description = "Copy the content of this release, e.g. REL-2027-0002.")
        String baseline;

        @Override
        public Integer call() throws IOException {
            if (details.title == null || details.type == null) {
                throw new CofferException(Failure.INVALID, "a release needs --title and --type (major, minor or "
                        + "emergency)");
            }
            Map<String, Object> body = details.body();
            if (baseline != null) {
                body.put("baseline", baseline);
            }
            JsonNode r = client().post("api/v1/releases", body);
            if (json) {
                printJson(r);
            } else {
                out().printf("created %s (%s, draft): %s%n", r.path("id").asText(), r.path("type").asText(),
                        Table.clean(r.path("title").asText()));
            }
            return 0;
        }
    }

    @Command(name = "edit", description = "Change the details of a draft release.")
    static final class Edit extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @CommandLine.Mixin
        Details details = new Details();

        @Override
        public Integer call() throws IOException {
            ApiClient api = client();
            JsonNode r = api.send(api.request(path(id)).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(io.coffer.Json.canonical(details.body()))));
            if (json) {
                printJson(r);
            } else {
                out().printf("%s updated%n", r.path("id").asText());
            }
            return 0;
        }
    }

    @Command(name = "ls", description = "List releases.")
    static final class Ls extends ClientCommand {
        @Option(names = "--status", description = "Only releases in this status, e.g. submitted.")
        String status;

        @Option(names = "--review-required", description = "Only releases flagged for review after the fact.")
        boolean reviewRequired;

        @Option(names = "--limit", description = "At most this many (default 100).")
        int limit = 100;

        @Override
        public Integer call() {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("status", status);
            q.put("reviewRequired", reviewRequired ? "true" : null);
            q.put("limit", Integer.toString(limit));
            JsonNode list = client().get("api/v1/releases" + ApiClient.query(q));
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("RELEASE", "TYPE", "STATUS", "ITEMS", "WINDOW", "OWNER", "TITLE");
            for (JsonNode r : list) {
                t.row(r.path("id").asText(), r.path("type").asText(), status(r), r.path("items").asInt(),
                        window(r.path("window")), r.path("owner").asText(), r.path("title").asText());
            }
            t.print(out());
            return 0;
        }
    }

    static String status(JsonNode r) {
        return r.path("status").asText() + (r.path("reviewRequired").asBoolean() ? " (review)" : "");
    }

    static String window(JsonNode w) {
        if (w == null || w.isNull() || w.isMissingNode()) {
            return null;
        }
        return w.path("start").asText() + " to " + w.path("end").asText() + " " + w.path("zone").asText();
    }

    @Command(name = "show", description = "Show a release: details, items, evidence, approvals and status history.")
    static final class Show extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Override
        public Integer call() {
            JsonNode r = client().get(path(id));
            if (json) {
                printJson(r);
                return 0;
            }
            field("release", r.path("id"));
            field("title", r.path("title"));
            field("type", r.path("type"));
            out().printf("%-14s %s%n", "status", status(r));
            field("owner", r.path("owner"));
            field("author", r.path("author"));
            if (window(r.path("window")) != null) {
                out().printf("%-14s %s%n", "window", Table.clean(window(r.path("window"))));
            }
            field("baseline", r.path("baseline"));
            field("policy", r.path("policyVersion"));
            JsonNode m = r.path("manifest");
            if (m.isObject()) {
                out().printf("%-14s sha256 %s, key %s, signed %s%n", "manifest", m.path("sha256").asText(),
                        m.path("keyId").asText(), m.path("signedAt").asText());
            }
            field("created", r.path("createdAt"));
            field("updated", r.path("updatedAt"));
            block("review required", r.path("reviewReason"));
            block("notes", r.path("notes"));
            block("back-out plan", r.path("backoutPlan"));
            block("review", r.path("review"));

            out().println();
            Table items = new Table("PRODUCT", "VERSION", "FILE", "SIZE", "SHA256", "LICENCE", "SUPPLIER");
            r.path("items").forEach(i -> items.row(i.path("product").asText(), i.path("version").asText(),
                    i.path("fileName").asText(), i.path("size").asLong(), i.path("sha256").asText(),
                    text(i.path("license")), text(i.path("supplier"))));
            items.print(out());
            if (!r.path("evidence").isEmpty()) {
                out().println();
                Table evidence = new Table("EVIDENCE", "SIZE", "SHA256", "ADDED BY", "AT");
                r.path("evidence").forEach(e -> evidence.row(e.path("name").asText(), e.path("size").asLong(),
                        e.path("sha256").asText(), e.path("addedBy").asText(), e.path("addedAt").asText()));
                evidence.print(out());
            }
            if (!r.path("approvals").isEmpty()) {
                out().println();
                Table approvals = new Table("APPROVER", "DECISION", "AT", "COMMENT");
                r.path("approvals").forEach(a -> approvals.row(a.path("approver").asText(),
                        a.path("decision").asText(), a.path("at").asText(), oneLine(a.path("comment"))));
                approvals.print(out());
            }
            out().println();
            Table history = new Table("AT", "FROM", "TO", "BY", "NOTE");
            r.path("history").forEach(t -> history.row(t.path("at").asText(), text(t.path("from")),
                    t.path("to").asText(), t.path("actor").asText(), oneLine(t.path("note"))));
            history.print(out());
            return 0;
        }

        private void field(String name, JsonNode value) {
            if (!value.isMissingNode() && !value.isNull()) {
                out().printf("%-14s %s%n", name, Table.clean(value.asText()));
            }
        }

        private void block(String name, JsonNode value) {
            if (!value.isMissingNode() && !value.isNull()) {
                out().println(name);
                value.asText().lines().forEach(line -> out().println("  " + Table.clean(line)));
            }
        }
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    static String oneLine(JsonNode n) {
        String t = text(n);
        if (t == null) {
            return null;
        }
        String first = t.lines().findFirst().orElse("");
        return first.length() > 60 ? first.substring(0, 57) + "..." : first + (t.contains("\n") ? " ..." : "");
    }

    @Command(name = "history", description = "The whole story of a release from the event log.")
    static final class History extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Override
        public Integer call() {
            JsonNode events = client().get(path(id) + "/history");
            if (json) {
                printJson(events);
                return 0;
            }
            Table t = new Table("SEQ", "AT", "ACTOR", "ACTION", "DETAILS");
            events.forEach(e -> t.row(e.path("seq").asLong(), e.path("at").asText(), e.path("actor").asText(),
                    e.path("action").asText(), summary(e.path("details"))));
            t.print(out());
            return 0;
        }

        /** Scalars as key=value, longer values abbreviated, so that each event fits one line. */
        static String summary(JsonNode details) {
            StringBuilder b = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isNull()) {
                    continue;
                }
                String shown = v.isArray() ? "[" + v.size() + "]" : v.isObject() ? "{...}" : v.asText();
                shown = shown.lines().findFirst().orElse("");
                if (shown.length() > 40) {
                    shown = shown.substring(0, 37) + "...";
                }
                if (!b.isEmpty()) {
                    b.append(' ');
                }
                b.append(e.getKey()).append('=').append(shown);
            }
            return b.toString();
        }
    }

    @Command(name = "manifest", description = "Download the signed manifest of an approved release.")
    static final class ManifestCommand extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Option(names = {"-o", "--output"}, description = "Write it to this file instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            HttpResponse<InputStream> response = client().stream(path(id) + "/manifest");
            byte[] document;
            try (InputStream in = response.body()) {
                document = in.readAllBytes();
            }
            if (output != null) {
                write(output, document);
                out().printf("wrote the signed manifest of %s to %s%n", id, output);
            } else {
                out().println(new String(document, StandardCharsets.UTF_8));
            }
            return 0;
        }
    }

    @Command(name = "key", description = "Download the public key that verifies release manifests (PEM).")
    static final class Key extends ClientCommand {
        @Option(names = {"-o", "--output"}, description = "Write it to this file instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            HttpResponse<InputStream> response = client().stream("api/v1/keys/release-signing.pub");
            byte[] pem;
            try (InputStream in = response.body()) {
                pem = in.readAllBytes();
            }
            if (output != null) {
                write(output, pem);
                out().printf("wrote the release signing key to %s%n", output);
            } else {
                out().print(new String(pem, StandardCharsets.UTF_8));
            }
            return 0;
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}
