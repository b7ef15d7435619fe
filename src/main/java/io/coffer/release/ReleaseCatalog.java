package io.coffer.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The release programme's SQL. Like {@link io.coffer.catalog.Catalog}, it only reads and writes
 * rows on a handle the caller opened; the rules live in {@link Releases}.
 */
final class ReleaseCatalog {

    /** One row of the release table. */
    record Row(String id, String title, ReleaseType type, ReleaseStatus status, String owner, String author,
            PlannedWindow window, String notes, String backoutPlan, String baseline, String reviewReason,
            String review, Integer policyVersion, String createdAt, String updatedAt) {}

    /** A media item as pinned in a release, with the catalog row it came from. */
    record PinnedItem(ReleaseItem item, long mediaItemId) {}

    // Identifiers

    /**
     * The next sequence number of {@code year}. The update takes the row's lock, so on PostgreSQL a
     * concurrent creation waits for this transaction and then counts on from its number.
     */
    int nextSequence(Handle h, int year) {
        h.createUpdate("INSERT INTO release_sequence (year, last_seq) VALUES (:y, 0) ON CONFLICT (year) DO NOTHING")
                .bind("y", year).execute();
        h.createUpdate("UPDATE release_sequence SET last_seq = last_seq + 1 WHERE year = :y").bind("y", year)
                .execute();
        return h.createQuery("SELECT last_seq FROM release_sequence WHERE year = :y").bind("y", year)
                .mapTo(Integer.class).one();
    }

    // Releases

    void insert(Handle h, Row r, int year, int seq) {
        h.createUpdate("INSERT INTO release (id, year, seq, title, type, status, owner, author, window_start, "
                        + "window_end, window_zone, notes, backout_plan, baseline, created_at, updated_at) VALUES "
                        + "(:id, :year, :seq, :title, :type, :status, :owner, :author, :ws, :we, :wz, :notes, "
                        + ":backout, :baseline, :at, :at)")
                .bind("id", r.id()).bind("year", year).bind("seq", seq).bind("title", r.title())
                .bind("type", r.type().id()).bind("status", r.status().id()).bind("owner", r.owner())
                .bind("author", r.author()).bind("ws", r.window() == null ? null : r.window().start())
                .bind("we", r.window() == null ? null : r.window().end())
                .bind("wz", r.window() == null ? null : r.window().zone()).bind("notes", r.notes())
                .bind("backout", r.backoutPlan()).bind("baseline", r.baseline()).bind("at", r.createdAt())
                .execute();
    }

    /**
     * Marks the release changed, which on PostgreSQL also locks its row until the transaction ends:
     * every change to a release starts here, so two changes to one release never interleave.
     *
     * @return false when there is no such release
     */
    boolean lock(Handle h, String id, String at) {
        return h.createUpdate("UPDATE release SET updated_at = :at WHERE id = :id").bind("at", at).bind("id", id)
                .execute() == 1;
    }

    Optional<Row> row(Handle h, String id) {
        return h.createQuery("SELECT * FROM release WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs))
                .findOne();
    }

    void update(Handle h, Row r) {
        h.createUpdate("UPDATE release SET title = :title, type = :type, owner = :owner, window_start = :ws, "
                        + "window_end = :we, window_zone = :wz, notes = :notes, backout_plan = :backout, "
                        + "baseline = :baseline WHERE id = :id")
                .bind("id", r.id()).bind("title", r.title()).bind("type", r.type().id()).bind("owner", r.owner())
                .bind("ws", r.window() == null ? null : r.window().start())
                .bind("we", r.window() == null ? null : r.window().end())
                .bind("wz", r.window() == null ? null : r.window().zone()).bind("notes", r.notes())
                .bind("backout", r.backoutPlan()).bind("baseline", r.baseline())
                .execute();
    }

    void setStatus(Handle h, String id, ReleaseStatus status) {
        h.createUpdate("UPDATE release SET status = :s WHERE id = :id").bind("s", status.id()).bind("id", id)
                .execute();
    }

    void setColumn(Handle h, String id, String column, Object value) {
        // Only the fixed column names below reach the SQL text; values are always bound.
        if (!List.of("review_reason", "review", "policy_version").contains(column)) {
            throw new IllegalArgumentException("not a settable column: " + column);
        }
        h.createUpdate("UPDATE release SET " + column + " = :v WHERE id = :id").bind("v", value).bind("id", id)
                .execute();
    }

    void addTransition(Handle h, String id, ReleaseStatus from, ReleaseStatus to, String actor, String at,
            String note) {
        h.createUpdate("INSERT INTO release_transition (release_id, from_status, to_status, actor, at, note) "
                        + "VALUES (:id, :from, :to, :actor, :at, :note)")
                .bind("id", id).bind("from", from == null ? null : from.id()).bind("to", to.id())
                .bind("actor", actor).bind("at", at).bind("note", note).execute();
    }

    List<Transition> transitions(Handle h, String id) {
        return h.createQuery("SELECT * FROM release_transition WHERE release_id = :id ORDER BY id")
                .bind("id", id)
                .map((rs, ctx) -> new Transition(status(rs.getString("from_status")), status(rs.getString("to_status")),
                        rs.getString("actor"), rs.getString("at"), rs.getString("note")))
                .list();
    }

    List<ReleaseSummary> list(Handle h, ReleaseStatus status, Boolean reviewRequired, int limit, int offset) {
        String where = " WHERE 1 = 1"
                + (status == null ? "" : " AND r.status = :status")
                + (reviewRequired == null ? "" : reviewRequired ? " AND r.review_reason IS NOT NULL"
                        : " AND r.review_reason IS NULL");
        Query q = h.createQuery("SELECT r.*, (SELECT COUNT(*) FROM release_item i WHERE i.release_id = r.id) AS n "
                + "FROM release r" + where + " ORDER BY r.year, r.seq LIMIT :limit OFFSET :offset");
        if (status != null) {
            q.bind("status", status.id());
        }
        return q.bind("limit", limit).bind("offset", offset).map((rs, ctx) -> {
            Row r = row(rs);
            return new ReleaseSummary(r.id(), r.title(), r.type(), r.status(), r.owner(), r.author(), r.window(),
                    rs.getInt("n"), r.reviewReason() != null, r.createdAt(), r.updatedAt());
        }).list();
    }

    // Content

    void addItem(Handle h, String id, PinnedItem p, String actor, String at) {
        ReleaseItem i = p.item();
        h.createUpdate("INSERT INTO release_item (release_id, product, version, file_name, size, sha256, license, "
                        + "supplier, media_item_id, added_by, added_at) VALUES (:id, :product, :version, :file, "
                        + ":size, :sha, :license, :supplier, :media, :by, :at)")
                .bind("id", id).bind("product", i.product()).bind("version", i.version()).bind("file", i.fileName())
                .bind("size", i.size()).bind("sha", i.sha256()).bind("license", i.license())
                .bind("supplier", i.supplier()).bind("media", p.mediaItemId()).bind("by", actor).bind("at", at)
                .execute();
    }

    List<PinnedItem> items(Handle h, String id) {
        return h.createQuery("SELECT * FROM release_item WHERE release_id = :id ORDER BY product, version, file_name")
                .bind("id", id)
                .map((rs, ctx) -> new PinnedItem(new ReleaseItem(rs.getString("product"), rs.getString("version"),
                        rs.getString("file_name"), rs.getLong("size"), rs.getString("sha256"), rs.getString("license"),
                        rs.getString("supplier")), rs.getLong("media_item_id")))
                .list();
    }

    void removeItem(Handle h, String id, long mediaItemId) {
        h.createUpdate("DELETE FROM release_item WHERE release_id = :id AND media_item_id = :m").bind("id", id)
                .bind("m", mediaItemId).execute();
    }

    // Evidence

    void addEvidence(Handle h, String id, Evidence e) {
        h.createUpdate("INSERT INTO release_evidence (release_id, name, sha256, size, added_by, added_at) VALUES "
                        + "(:id, :name, :sha, :size, :by, :at)")
                .bind("id", id).bind("name", e.name()).bind("sha", e.sha256()).bind("size", e.size())
                .bind("by", e.addedBy()).bind("at", e.addedAt()).execute();
    }

    List<Evidence> evidence(Handle h, String id) {
        return h.createQuery("SELECT * FROM release_evidence WHERE release_id = :id ORDER BY name").bind("id", id)
                .map((rs, ctx) -> new Evidence(rs.getString("name"), rs.getString("sha256"), rs.getLong("size"),
                        rs.getString("added_by"), rs.getString("added_at")))
                .list();
    }

    void removeEvidence(Handle h, String id, String name) {
        h.createUpdate("DELETE FROM release_evidence WHERE release_id = :id AND name = :name").bind("id", id)
                .bind("name", name).execute();
    }

    // Approvals

    void addApproval(Handle h, String id, Approval a) {
        h.createUpdate("INSERT INTO release_approval (release_id, approver, decision, comment, decided_at) VALUES "
                        + "(:id, :approver, :decision, :comment, :at)")
                .bind("id", id).bind("approver", a.approver()).bind("decision", a.decision())
                .bind("comment", a.comment()).bind("at", a.at()).execute();
    }

    List<Approval> approvals(Handle h, String id) {
        return h.createQuery("SELECT * FROM release_approval WHERE release_id = :id ORDER BY id").bind("id", id)
                .map((rs, ctx) -> new Approval(rs.getString("approver"), rs.getString("decision"),
                        rs.getString("comment"), rs.getString("decided_at")))
                .list();
    }

    // Manifest

    void addManifest(Handle h, String id, String document, String sha256, String keyId, String at) {
        h.createUpdate("INSERT INTO release_manifest (release_id, document, sha256, key_id, signed_at) VALUES "
                        + "(:id, :doc, :sha, :key, :at)")
                .bind("id", id).bind("doc", document).bind("sha", sha256).bind("key", keyId).bind("at", at)
                .execute();
    }

    Optional<ManifestInfo> manifestInfo(Handle h, String id) {
        return h.createQuery("SELECT sha256, key_id, signed_at FROM release_manifest WHERE release_id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new ManifestInfo(rs.getString("sha256"), rs.getString("key_id"),
                        rs.getString("signed_at")))
                .findOne();
    }

    Optional<String> manifestDocument(Handle h, String id) {
        return h.createQuery("SELECT document FROM release_manifest WHERE release_id = :id").bind("id", id)
                .mapTo(String.class).findOne();
    }

    // Policy

    Optional<PolicyVersion> latestPolicy(Handle h) {
        return h.createQuery("SELECT * FROM release_policy ORDER BY version DESC LIMIT 1")
                .map((rs, ctx) -> policy(rs)).findOne();
    }

    Optional<PolicyVersion> policy(Handle h, int version) {
        return h.createQuery("SELECT * FROM release_policy WHERE version = :v").bind("v", version)
                .map((rs, ctx) -> policy(rs)).findOne();
    }

    List<PolicyVersion> policies(Handle h) {
        return h.createQuery("SELECT * FROM release_policy ORDER BY version").map((rs, ctx) -> policy(rs)).list();
    }

    void addPolicy(Handle h, PolicyVersion p) {
        h.createUpdate("INSERT INTO release_policy (version, format, text, sha256, created_by, created_at) VALUES "
                        + "(:v, :format, :text, :sha, :by, :at)")
                .bind("v", p.version()).bind("format", p.format()).bind("text", p.text()).bind("sha", p.sha256())
                .bind("by", p.createdBy()).bind("at", p.createdAt()).execute();
    }

    // Mapping

    private static Row row(ResultSet rs) throws SQLException {
        String ws = rs.getString("window_start");
        PlannedWindow window = ws == null ? null
                : new PlannedWindow(ws, rs.getString("window_end"), rs.getString("window_zone"));
        int policy = rs.getInt("policy_version");
        Integer policyVersion = rs.wasNull() ? null : policy;
        return new Row(rs.getString("id"), rs.getString("title"), type(rs.getString("type")),
                status(rs.getString("status")), rs.getString("owner"), rs.getString("author"), window,
                rs.getString("notes"), rs.getString("backout_plan"), rs.getString("baseline"),
                rs.getString("review_reason"), rs.getString("review"), policyVersion, rs.getString("created_at"),
                rs.getString("updated_at"));
    }

    private static PolicyVersion policy(ResultSet rs) throws SQLException {
        String format = rs.getString("format");
        String text = rs.getString("text");
        return new PolicyVersion(rs.getInt("version"), format, text, rs.getString("sha256"),
                rs.getString("created_by"), rs.getString("created_at"),
                ReleasePolicy.parse(text, ReleasePolicy.Format.parse(format)));
    }

    static ReleaseStatus status(String id) {
        if (id == null) {
            return null;
        }
        return ReleaseStatus.valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    static ReleaseType type(String id) {
        return ReleaseType.valueOf(id.toUpperCase(Locale.ROOT));
    }
}
