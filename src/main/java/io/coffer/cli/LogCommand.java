package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The event log: list it, or check its hash chain. */
@Command(name = "log", description = "Show or verify the tamper-evident event log.",
        subcommands = {LogCommand.Verify.class})
final class LogCommand extends ClientCommand {

    @Option(names = "--after", description = "Events after this sequence number, oldest first "
            + "(default: the newest events).")
    Long after;

    @Option(names = "--limit", description = "At most this many events (default 100).")
    int limit = 100;

    @Option(names = "--subject", description = "Only events about this subject, e.g. product/nginx.")
    String subject;

    @Override
    public Integer call() {
        Map<String, String> q = new LinkedHashMap<>();
        if (after == null) {
            q.put("last", Integer.toString(limit));
        } else {
            q.put("after", Long.toString(after));
            q.put("limit", Integer.toString(limit));
        }
        q.put("subject", subject);
        JsonNode events = client().get("api/v1/events" + ApiClient.query(q));
        if (json) {
            printJson(events);
            return 0;
        }
        Table t = new Table("SEQ", "AT", "ACTOR", "ACTION", "SUBJECT");
        events.forEach(e -> t.row(e.path("seq").asLong(), e.path("at").asText(), e.path("actor").asText(),
                e.path("action").asText(), e.path("subject").asText()));
        t.print(out());
        if (events.size() == limit) {
            out().println(after == null ? "(the newest " + limit + " events; --after N reads on from event N+1)"
                    : "(" + limit + " events; --after " + events.get(events.size() - 1).path("seq").asLong()
                            + " reads on)");
        }
        return 0;
    }

    @Command(name = "verify", description = "Check the hash chain; names the first edited, deleted or moved event.")
    static final class Verify extends ClientCommand {
        @Override
        public Integer call() {
            JsonNode r = client().get("api/v1/events/verify");
            boolean intact = r.path("intact").asBoolean();
            if (json) {
                printJson(r);
            } else if (intact) {
                out().printf("event log intact: %d events, head %s%n", r.path("events").asLong(),
                        r.path("headHash").asText());
            } else {
                out().printf("event log BROKEN at event %d: %s%n", r.path("firstBadEvent").asLong(),
                        r.path("reason").asText());
            }
            return intact ? 0 : VerifyCommand.DAMAGED;
        }
    }
}
