package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that move a release through its life. Each prints the status it reached. */
final class ReleaseSteps {

    private ReleaseSteps() {}

    /** A step: posts {@link #body()} to the release's step route and reports the outcome. */
    abstract static class Step extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        abstract String route();

        Map<String, Object> body() throws IOException {
            return Map.of();
        }

        @Override
        public Integer call() throws IOException {
            JsonNode r = client().post(ReleaseCommand.path(id) + "/" + route(), body());
            if (json) {
                printJson(r);
                return 0;
            }
            out().printf("%s is %s%n", r.path("id").asText(), r.path("status").asText());
            report(r);
            return 0;
        }

        void report(JsonNode r) {}
    }

    @Command(name = "submit", description = "Submit a draft release for approval.")
    static final class Submit extends Step {
        @Override
        String route() {
            return "submit";
        }
    }

    @Command(name = "approve", description = "Approve a submitted release (approvers; never its author or owner).")
    static final class Approve extends Step {
        @Option(names = "--comment", description = "What you checked.")
        String comment;

        @Override
        String route() {
            return "approve";
        }

        @Override
        Map<String, Object> body() {
            return comment == null ? Map.of() : Map.of("comment", comment);
        }

        @Override
        void report(JsonNode r) {
            long approvals = 0;
            for (JsonNode a : r.path("approvals")) {
                if ("approved".equals(a.path("decision").asText())) {
                    approvals++;
                }
            }
            out().printf("  %d approval%s%n", approvals, approvals == 1 ? "" : "s");
            JsonNode m = r.path("manifest");
            if (m.isObject()) {
                out().printf("  manifest signed: sha256 %s, key %s%n", m.path("sha256").asText(),
                        m.path("keyId").asText());
            }
        }
    }

    @Command(name = "reject", description = "Reject a submitted release, with the reason.")
    static final class Reject extends Step {
        @Option(names = "--comment", required = true, description = "Why.")
        String comment;

        @Override
        String route() {
            return "reject";
        }

        @Override
        Map<String, Object> body() {
            return Map.of("comment", comment);
        }
    }

    @Command(name = "schedule", description = "Schedule an approved release into its planned window, or into the "
            + "window given.")
    static final class Schedule extends Step {
        @Option(names = "--start", description = "Window start, e.g. 2027-03-27T02:00 or 2027-10-31T01:30+01:00.")
        String start;

        @Option(names = "--end", description = "Window end.")
        String end;

        @Option(names = "--zone", description = "IANA time zone of the window, e.g. Europe/London.")
        String zone;

        @Override
        String route() {
            return "schedule";
        }

        @Override
        Map<String, Object> body() {
            if (start == null && end == null && zone == null) {
                return Map.of();
            }
            if (start == null || end == null || zone == null) {
                throw new CofferException(Failure.INVALID, "give all of --start, --end and --zone, or none to use "
                        + "the planned window");
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("windowStart", start);
            b.put("windowEnd", end);
            b.put("windowZone", zone);
            return b;
        }

        @Override
        void report(JsonNode r) {
            out().printf("  window %s%n", Table.clean(ReleaseCommand.window(r.path("window"))));
            if (r.path("reviewRequired").asBoolean()) {
                out().println("  flagged for review after the fact:");
                r.path("reviewReason").asText().lines().forEach(l -> out().println("    " + Table.clean(l)));
            }
        }
    }

    @Command(name = "deploy", description = "Record that a scheduled release was deployed.")
    static final class Deploy extends Step {
        @Override
        String route() {
            return "deploy";
        }
    }

    @Command(name = "close", description = "Close a deployed release with its post-implementation review.")
    static final class Close extends Step {
        @Option(names = "--review", description = "The post-implementation review.")
        String review;

        @Option(names = "--review-file", description = "Read the review from this file.")
        Path reviewFile;

        @Override
        String route() {
            return "close";
        }

        @Override
        Map<String, Object> body() throws IOException {
            String text = ReleaseCommand.textOrFile(review, reviewFile, "review");
            if (text == null) {
                throw new CofferException(Failure.INVALID, "closing needs the post-implementation review "
                        + "(--review or --review-file)");
            }
            return Map.of("review", text);
        }
    }

    @Command(name = "cancel", description = "Cancel a release that was not deployed, with the reason.")
    static final class Cancel extends Step {
        @Option(names = "--reason", required = true, description = "Why.")
        String reason;

        @Override
        String route() {
            return "cancel";
        }

        @Override
        Map<String, Object> body() {
            return Map.of("reason", reason);
        }
    }

    @Command(name = "rollback", description = "Record that a deployed release was backed out, with the reason.")
    static final class Rollback extends Step {
        @Option(names = "--reason", required = true, description = "Why.")
        String reason;

        @Override
        String route() {
            return "rollback";
        }

        @Override
        Map<String, Object> body() {
            return Map.of("reason", reason);
        }
    }
}
