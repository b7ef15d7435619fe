package io.coffer.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import io.coffer.catalog.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The append-only, hash-chained log of every change to the library.
 *
 * <p>Each event's hash covers its own content and the hash of the event before it, so editing,
 * deleting or reordering any event breaks the chain from that point on. The chain head (last
 * sequence number and hash) lives in a one-row table that every append updates inside the same
 * transaction as the change it records; that update is also what orders concurrent appends, on
 * SQLite and PostgreSQL alike. Deleting the newest events together with a matching rewrite of the
 * head cannot be told from the log alone; operators who need that guarantee copy the head hash
 * ({@code coffer log verify} prints it) to somewhere outside the library.
 */
public final class EventLog {

    static final String GENESIS = "0".repeat(64);

    private final Clock clock;

    public EventLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Appends an event inside the caller's transaction; it commits or rolls back with the change it
     * describes.
     */
    public Event append(Handle handle, String actor, String action, String subject, Map<String, ?> details) {
        // Claiming the next number first takes the row lock that orders concurrent appends.
        handle.createUpdate("UPDATE event_head SET seq = seq + 1 WHERE id = 1").execute();
        Map<String, Object> head = handle.createQuery("SELECT seq, hash FROM event_head WHERE id = 1")
                .mapToMap()
                .findOne()
                .orElseThrow(() -> new IllegalStateException("the event log has no head row"));
        long seq = ((Number) head.get("seq")).longValue();
        String prevHash = (String) head.get("hash");
        String at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS).toString();
        String detailsJson = Json.canonical(details);
        String hash = hash(seq, at, actor, action, subject, detailsJson, prevHash);
        handle.createUpdate("INSERT INTO event (seq, at, actor, action, subject, details, prev_hash, hash) "
                        + "VALUES (:seq, :at, :actor, :action, :subject, :details, :prev, :hash)")
                .bind("seq", seq).bind("at", at).bind("actor", actor).bind("action", action)
                .bind("subject", subject).bind("details", detailsJson).bind("prev", prevHash).bind("hash", hash)
                .execute();
        handle.createUpdate("UPDATE event_head SET seq = :seq, hash = :hash WHERE id = 1")
                .bind("seq", seq).bind("hash", hash).execute();
        return new Event(seq, at, actor, action, subject, parse(detailsJson), prevHash, hash);
    }

    /** Events after {@code afterSeq}, oldest first, at most {@code limit}; optionally of one subject prefix. */
    public List<Event> list(Database db, long afterSeq, int limit, Optional<String> subjectPrefix) {
        return db.read(h -> {
            var query = h.createQuery("SELECT * FROM event WHERE seq > :after"
                    + (subjectPrefix.isPresent() ? " AND (subject = :subject OR subject LIKE :prefix ESCAPE '!')" : "")
                    + " ORDER BY seq LIMIT :limit");
            query.bind("after", afterSeq).bind("limit", limit);
            subjectPrefix.ifPresent(s -> query.bind("subject", s).bind("prefix", likePrefix(s)));
            return query.map((rs, ctx) -> new Event(rs.getLong("seq"), rs.getString("at"), rs.getString("actor"),
                    rs.getString("action"), rs.getString("subject"), parse(rs.getString("details")),
                    rs.getString("prev_hash"), rs.getString("hash"))).list();
        });
    }

    /** The newest {@code limit} events, oldest of them first; optionally of one subject prefix. */
    public List<Event> tail(Database db, int limit, Optional<String> subjectPrefix) {
        long last = db.read(h -> h.createQuery("SELECT seq FROM event_head WHERE id = 1").mapTo(Long.class).one());
        if (subjectPrefix.isEmpty()) {
            return list(db, Math.max(0, last - limit), limit, subjectPrefix);
        }
        List<Event> newestFirst = db.read(h -> h.createQuery("SELECT * FROM event WHERE (subject = :subject OR "
                        + "subject LIKE :prefix ESCAPE '!') ORDER BY seq DESC LIMIT :limit")
                .bind("subject", subjectPrefix.get()).bind("prefix", likePrefix(subjectPrefix.get()))
                .bind("limit", limit)
                .map((rs, ctx) -> new Event(rs.getLong("seq"), rs.getString("at"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject"), parse(rs.getString("details")),
                        rs.getString("prev_hash"), rs.getString("hash"))).list());
        return newestFirst.reversed();
    }

    private static String likePrefix(String subject) {
        return subject.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%";
    }

    /**
     * Walks the whole chain and names the first event that was edited, deleted or reordered. Reads in
     * pages, so memory stays flat however long the log.
     */
    public ChainCheck verify(Database db) {
        long expectedSeq = 1;
        String prevHash = GENESIS;
        final int page = 5_000;
        while (true) {
            long after = expectedSeq - 1;
            List<Map<String, Object>> rows = db.read(h -> h.createQuery(
                            "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM event "
                                    + "WHERE seq > :after ORDER BY seq LIMIT :limit")
                    .bind("after", after).bind("limit", page).mapToMap().list());
            for (Map<String, Object> row : rows) {
                long seq = ((Number) row.get("seq")).longValue();
                if (seq != expectedSeq) {
                    return new ChainCheck.Broken(expectedSeq, "event " + expectedSeq
                            + " is missing: the log jumps from event " + (expectedSeq - 1) + " to event " + seq);
                }
                if (!prevHash.equals(row.get("prev_hash"))) {
                    return new ChainCheck.Broken(seq, "event " + seq + " does not follow event " + (seq - 1)
                            + ": its link to the previous event is wrong (deleted, inserted or reordered)");
                }
                String recomputed = hash(seq, (String) row.get("at"), (String) row.get("actor"),
                        (String) row.get("action"), (String) row.get("subject"), (String) row.get("details"),
                        prevHash);
                if (!recomputed.equals(row.get("hash"))) {
                    return new ChainCheck.Broken(seq, "event " + seq + " was edited: its content no longer matches "
                            + "its hash");
                }
                prevHash = recomputed;
                expectedSeq++;
            }
            if (rows.size() < page) {
                break;
            }
        }
        long last = expectedSeq - 1;
        String lastHash = prevHash;
        Map<String, Object> head = db.read(h -> h.createQuery("SELECT seq, hash FROM event_head WHERE id = 1")
                .mapToMap().one());
        long headSeq = ((Number) head.get("seq")).longValue();
        if (headSeq != last || !lastHash.equals(head.get("hash"))) {
            return new ChainCheck.Broken(last + 1, "the log ends at event " + last + " but its head records event "
                    + headSeq + ": events after " + last + " were deleted or the head was edited");
        }
        return new ChainCheck.Intact(last, lastHash);
    }

    static String hash(long seq, String at, String actor, String action, String subject, String detailsJson,
            String prevHash) {
        // A JSON array gives an unambiguous encoding of the fields (no separator can be forged).
        String content = Json.canonical(new Object[] {prevHash, seq, at, actor, action, subject, detailsJson});
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event details are not JSON: " + e.getOriginalMessage(), e);
        }
    }

}
