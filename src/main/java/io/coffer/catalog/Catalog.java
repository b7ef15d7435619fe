package io.coffer.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.coffer.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The logical store's SQL: products, versions, media items, suppliers, offline locations and build
 * records. Every method runs on a handle the caller opened, so that a change and its event commit
 * in one transaction. Rules (immutability, schemes, who may do what) are not checked here but in
 * the library; this class only reads and writes rows.
 */
public final class Catalog {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private static final String MEDIA_SELECT = "SELECT mi.*, v.version AS v_version, p.name AS p_name "
            + "FROM media_item mi JOIN version v ON v.id = mi.version_id JOIN product p ON p.id = v.product_id ";

    private static final String PRODUCT_SELECT = "SELECT p.*, s.name AS supplier_name FROM product p "
            + "LEFT JOIN supplier s ON s.id = p.supplier_id ";

    private static final String VERSION_SELECT = "SELECT v.*, p.name AS p_name FROM version v "
            + "JOIN product p ON p.id = v.product_id ";

    /** What is needed to create a product. */
    public record NewProduct(String name, String supplier, Product.Kind kind, String scheme, String description,
            String homepage) {}

    /** What is needed to record a media item. */
    public record NewMediaItem(long versionId, String fileName, long size, String sha256, String mediaType,
            String format, String license, Map<String, String> metadata) {}

    // Products and suppliers

    public Optional<Product> product(Handle h, String name) {
        return h.createQuery(PRODUCT_SELECT + "WHERE p.name = :name").bind("name", name)
                .map((rs, ctx) -> product(rs)).findOne();
    }

    public List<Product> products(Handle h, String nameContains, int limit, int offset) {
        Query q = h.createQuery(PRODUCT_SELECT
                + (nameContains == null ? "" : "WHERE LOWER(p.name) LIKE :like ESCAPE '!' ")
                + "ORDER BY p.name LIMIT :limit OFFSET :offset");
        if (nameContains != null) {
            q.bind("like", like(nameContains));
        }
        return q.bind("limit", limit).bind("offset", offset).map((rs, ctx) -> product(rs)).list();
    }

    public Product createProduct(Handle h, NewProduct spec, String actor, String at) {
        Long supplierId = spec.supplier() == null ? null : supplierId(h, spec.supplier(), at);
        h.createUpdate("INSERT INTO product (name, supplier_id, kind, scheme, description, homepage, created_at, "
                        + "created_by) VALUES (:name, :supplier, :kind, :scheme, :description, :homepage, :at, :by)")
                .bind("name", spec.name()).bind("supplier", supplierId).bind("kind", spec.kind().id())
                .bind("scheme", spec.scheme()).bind("description", spec.description())
                .bind("homepage", spec.homepage()).bind("at", at).bind("by", actor)
                .execute();
        return product(h, spec.name()).orElseThrow();
    }

    /** Sets fields of a product that were unknown; never overwrites a value already there. */
    public void fillProduct(Handle h, long productId, String supplier, String description, String at) {
        if (supplier != null) {
            h.createUpdate("UPDATE product SET supplier_id = :s WHERE id = :id AND supplier_id IS NULL")
                    .bind("s", supplierId(h, supplier, at)).bind("id", productId).execute();
        }
        if (description != null) {
            h.createUpdate("UPDATE product SET description = :d WHERE id = :id AND description IS NULL")
                    .bind("d", description).bind("id", productId).execute();
        }
    }

    long supplierId(Handle h, String name, String at) {
        Optional<Long> existing = h.createQuery("SELECT id FROM supplier WHERE name = :name").bind("name", name)
                .mapTo(Long.class).findOne();
        if (existing.isPresent()) {
            return existing.get();
        }
        h.createUpdate("INSERT INTO supplier (name, created_at) VALUES (:name, :at)").bind("name", name)
                .bind("at", at).execute();
        return h.createQuery("SELECT id FROM supplier WHERE name = :name").bind("name", name).mapTo(Long.class).one();
    }

    public List<Supplier> suppliers(Handle h) {
        return h.createQuery("SELECT s.id, s.name, COUNT(p.id) AS products FROM supplier s "
                        + "LEFT JOIN product p ON p.supplier_id = s.id GROUP BY s.id, s.name ORDER BY s.name")
                .map((rs, ctx) -> new Supplier(rs.getLong("id"), rs.getString("name"), rs.getLong("products")))
                .list();
    }

    // Versions

    public Optional<ProductVersion> version(Handle h, long productId, String version) {
        return h.createQuery(VERSION_SELECT + "WHERE v.product_id = :p AND v.version = :v")
                .bind("p", productId).bind("v", version).map((rs, ctx) -> version(rs)).findOne();
    }

    /** All versions of a product, in no particular order; the library sorts them by scheme. */
    public List<ProductVersion> versions(Handle h, long productId) {
        return h.createQuery(VERSION_SELECT + "WHERE v.product_id = :p").bind("p", productId)
                .map((rs, ctx) -> version(rs)).list();
    }

    public ProductVersion createVersion(Handle h, Product product, String version, String releaseDate, String actor,
            String at) {
        long seq = h.createQuery("SELECT COALESCE(MAX(upload_seq), 0) + 1 FROM version WHERE product_id = :p")
                .bind("p", product.id()).mapTo(Long.class).one();
        h.createUpdate("INSERT INTO version (product_id, version, upload_seq, release_date, status, created_at, "
                        + "created_by) VALUES (:p, :v, :seq, :date, 'active', :at, :by)")
                .bind("p", product.id()).bind("v", version).bind("seq", seq).bind("date", releaseDate)
                .bind("at", at).bind("by", actor).execute();
        return version(h, product.id(), version).orElseThrow();
    }

    public void setStatus(Handle h, long versionId, ProductVersion.Status status, String reason, String actor,
            String at) {
        h.createUpdate("UPDATE version SET status = :s, status_reason = :r, status_by = :by, status_at = :at "
                        + "WHERE id = :id")
                .bind("s", status.id()).bind("r", reason).bind("by", actor).bind("at", at).bind("id", versionId)
                .execute();
    }

    // Media items

    public Optional<MediaItem> media(Handle h, long versionId, String fileName) {
        return withLocations(h, h.createQuery(MEDIA_SELECT + "WHERE mi.version_id = :v AND mi.file_name = :f")
                .bind("v", versionId).bind("f", fileName).map((rs, ctx) -> media(rs)).list()).stream().findFirst();
    }

    /**
     * The media item with a file name in a version of a product, found with one join rather than a
     * lookup per level: downloads by name ask for this on every request.
     */
    public Optional<MediaItem> media(Handle h, String product, String version, String fileName) {
        return withLocations(h, h.createQuery(MEDIA_SELECT + "WHERE p.name = :p AND v.version = :v "
                        + "AND mi.file_name = :f")
                .bind("p", product).bind("v", version).bind("f", fileName).map((rs, ctx) -> media(rs)).list())
                .stream().findFirst();
    }

    public Optional<MediaItem> media(Handle h, long id) {
        return withLocations(h, h.createQuery(MEDIA_SELECT + "WHERE mi.id = :id").bind("id", id)
                .map((rs, ctx) -> media(rs)).list()).stream().findFirst();
    }

    public List<MediaItem> mediaOf(Handle h, long versionId) {
        return withLocations(h, h.createQuery(MEDIA_SELECT + "WHERE mi.version_id = :v ORDER BY mi.file_name")
                .bind("v", versionId).map((rs, ctx) -> media(rs)).list());
    }

    public List<MediaItem> mediaByDigest(Handle h, String sha256) {
        return withLocations(h, h.createQuery(MEDIA_SELECT + "WHERE mi.sha256 = :d ORDER BY mi.id")
                .bind("d", sha256).map((rs, ctx) -> media(rs)).list());
    }

    public MediaItem insertMedia(Handle h, NewMediaItem item, String actor, String at) {
        h.createUpdate("INSERT INTO media_item (version_id, file_name, size, sha256, media_type, format, license, "
                        + "metadata, created_at, created_by) VALUES (:v, :f, :size, :sha, :type, :format, :license, "
                        + ":metadata, :at, :by)")
                .bind("v", item.versionId()).bind("f", item.fileName()).bind("size", item.size())
                .bind("sha", item.sha256()).bind("type", item.mediaType()).bind("format", item.format())
                .bind("license", item.license()).bind("metadata", Json.canonical(item.metadata()))
                .bind("at", at).bind("by", actor).execute();
        return media(h, item.versionId(), item.fileName()).orElseThrow();
    }

    public void addLocation(Handle h, long mediaItemId, String location, String actor, String at) {
        h.createUpdate("INSERT INTO offline_location (media_item_id, location, checked_by, checked_at) "
                        + "VALUES (:m, :l, :by, :at)")
                .bind("m", mediaItemId).bind("l", location).bind("by", actor).bind("at", at).execute();
    }

    /** Search criteria; null fields do not restrict. Name and supplier match substrings, case-blind. */
    public record Criteria(String name, String supplier, String license, String sha256) {}

    public List<MediaItem> search(Handle h, Criteria c, int limit) {
        StringBuilder sql = new StringBuilder(MEDIA_SELECT).append("LEFT JOIN supplier s ON s.id = p.supplier_id ")
                .append("WHERE 1 = 1 ");
        List<Consumer<Query>> binds = new ArrayList<>();
        if (c.name() != null) {
            sql.append("AND (LOWER(p.name) LIKE :name ESCAPE '!' OR LOWER(mi.file_name) LIKE :name ESCAPE '!') ");
            binds.add(q -> q.bind("name", like(c.name())));
        }
        if (c.supplier() != null) {
            sql.append("AND LOWER(s.name) LIKE :supplier ESCAPE '!' ");
            binds.add(q -> q.bind("supplier", like(c.supplier())));
        }
        if (c.license() != null) {
            sql.append("AND LOWER(mi.license) LIKE :license ESCAPE '!' ");
            binds.add(q -> q.bind("license", like(c.license())));
        }
        if (c.sha256() != null) {
            sql.append("AND mi.sha256 = :sha ");
            binds.add(q -> q.bind("sha", c.sha256()));
        }
        sql.append("ORDER BY p.name, mi.id LIMIT :limit");
        Query q = h.createQuery(sql.toString()).bind("limit", limit);
        binds.forEach(b -> b.accept(q));
        return withLocations(h, q.map((rs, ctx) -> media(rs)).list());
    }

    /**
     * Distinct blob digests the catalog refers to (media items and release test evidence), in order,
     * after {@code afterSha}, a page at a time.
     */
    public List<String> referencedDigests(Handle h, String afterSha, int limit) {
        return h.createQuery("SELECT sha256 FROM media_item WHERE sha256 > :after UNION "
                        + "SELECT sha256 FROM release_evidence WHERE sha256 > :after ORDER BY 1 LIMIT :limit")
                .bind("after", afterSha).bind("limit", limit).mapTo(String.class).list();
    }

    // Build records

    public Optional<BuildRecord> buildRecord(Handle h, long versionId) {
        return h.createQuery("SELECT * FROM build_record WHERE version_id = :v").bind("v", versionId)
                .map((rs, ctx) -> new BuildRecord(rs.getString("source_repository"), rs.getString("revision"),
                        rs.getString("builder"), rs.getString("build_command"), rs.getString("environment"),
                        rs.getString("provenance"), rs.getString("recorded_at"), rs.getString("recorded_by")))
                .findOne();
    }

    public void putBuildRecord(Handle h, long versionId, BuildRecord r) {
        h.createUpdate("INSERT INTO build_record (version_id, source_repository, revision, builder, build_command, "
                        + "environment, provenance, recorded_at, recorded_by) VALUES (:v, :repo, :rev, :builder, "
                        + ":cmd, :env, :prov, :at, :by)")
                .bind("v", versionId).bind("repo", r.sourceRepository()).bind("rev", r.revision())
                .bind("builder", r.builder()).bind("cmd", r.buildCommand()).bind("env", r.environment())
                .bind("prov", r.provenance()).bind("at", r.recordedAt()).bind("by", r.recordedBy()).execute();
    }

    /** Overwrites the build record of a version that has one; the library decides when that is allowed. */
    public void replaceBuildRecord(Handle h, long versionId, BuildRecord r) {
        h.createUpdate("UPDATE build_record SET source_repository = :repo, revision = :rev, builder = :builder, "
                        + "build_command = :cmd, environment = :env, provenance = :prov, recorded_at = :at, "
                        + "recorded_by = :by WHERE version_id = :v")
                .bind("v", versionId).bind("repo", r.sourceRepository()).bind("rev", r.revision())
                .bind("builder", r.builder()).bind("cmd", r.buildCommand()).bind("env", r.environment())
                .bind("prov", r.provenance()).bind("at", r.recordedAt()).bind("by", r.recordedBy()).execute();
    }

    // Row mapping

    private static Product product(ResultSet rs) throws SQLException {
        return new Product(rs.getLong("id"), rs.getString("name"), rs.getString("supplier_name"),
                Product.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("scheme"),
                rs.getString("description"), rs.getString("homepage"), rs.getString("created_at"),
                rs.getString("created_by"));
    }

    private static ProductVersion version(ResultSet rs) throws SQLException {
        return new ProductVersion(rs.getLong("id"), rs.getLong("product_id"), rs.getString("p_name"),
                rs.getString("version"), rs.getLong("upload_seq"), rs.getString("release_date"),
                ProductVersion.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getString("status_reason"), rs.getString("status_by"), rs.getString("status_at"),
                rs.getString("created_at"), rs.getString("created_by"));
    }

    private static MediaItem media(ResultSet rs) throws SQLException {
        Map<String, String> metadata;
        try {
            metadata = Json.MAPPER.readValue(rs.getString("metadata"), STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("media item " + rs.getLong("id") + " has metadata that is not a JSON object", e);
        }
        return new MediaItem(rs.getLong("id"), rs.getLong("version_id"), rs.getString("p_name"),
                rs.getString("v_version"), rs.getString("file_name"), rs.getLong("size"), rs.getString("sha256"),
                rs.getString("media_type"), rs.getString("format"), rs.getString("license"), metadata, List.of(),
                rs.getString("created_at"), rs.getString("created_by"));
    }

    private static List<MediaItem> withLocations(Handle h, List<MediaItem> items) {
        if (items.isEmpty()) {
            return items;
        }
        Map<Long, List<MediaItem.OfflineLocation>> byItem = new LinkedHashMap<>();
        h.createQuery("SELECT * FROM offline_location WHERE media_item_id IN (<ids>) ORDER BY checked_at DESC, id DESC")
                .bindList("ids", items.stream().map(MediaItem::id).toList())
                .map((rs, ctx) -> {
                    byItem.computeIfAbsent(rs.getLong("media_item_id"), k -> new ArrayList<>())
                            .add(new MediaItem.OfflineLocation(rs.getLong("id"), rs.getString("location"),
                                    rs.getString("checked_by"), rs.getString("checked_at")));
                    return null;
                })
                .list();
        if (byItem.isEmpty()) {
            return items;
        }
        return items.stream().map(m -> new MediaItem(m.id(), m.versionId(), m.product(), m.version(), m.fileName(),
                m.size(), m.sha256(), m.mediaType(), m.format(), m.license(), m.metadata(),
                List.copyOf(byItem.getOrDefault(m.id(), List.of())), m.createdAt(), m.createdBy())).toList();
    }

    /** A LIKE pattern matching {@code s} literally as a substring; used with {@code ESCAPE '!'}. */
    private static String like(String s) {
        String literal = s.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + literal + "%";
    }
}
