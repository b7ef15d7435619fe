package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.catalog.Catalog;
import io.coffer.catalog.Database;
import io.coffer.catalog.MediaItem;
import io.coffer.catalog.Product;
import io.coffer.catalog.ProductVersion;
import io.coffer.events.EventLog;
import io.coffer.inspect.Inspection;
import io.coffer.inspect.Inspector;
import io.coffer.inspect.MediaFormat;
import io.coffer.store.BlobStore;
import io.coffer.store.Digest;
import io.coffer.store.StagedBlob;
import io.coffer.versions.VersionScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Definitive Software Library: master copies in, catalogued, out again.
 *
 * <p>This is where the rules live. A push streams the bytes into the physical store's staging
 * area while hashing them, reads what it can from the file, decides product and version (what the
 * librarian gave wins over what was read), and then, in one catalog transaction, checks the rules,
 * makes the blob visible and records the media item and its events. The blob is committed before
 * the catalog row, so a crash in between leaves an unreferenced blob (harmless, reported by
 * verify) and never a catalog entry without its bytes.
 *
 * <p>What is pushed is immutable: the same product, version and file name can only ever hold the
 * same bytes. Versions are never deleted, only withdrawn, with who, when and why.
 */
public final class Library {

    private static final Logger log = LoggerFactory.getLogger(Library.class);
    /** About a megabyte of names; a library serving more files than that often reads the catalog. */
    private static final int MASTER_COPIES_REMEMBERED = 10_000;

    private final Database db;
    private final BlobStore store;
    private final Catalog catalog;
    private final EventLog events;
    private final Inspector inspector;
    private final Clock clock;
    private final Builds builds;

    /** The largest provenance document {@link #importProvenance} reads: 1 MiB. */
    public static final int MAX_PROVENANCE_BYTES = 1 << 20;
    private final Map<FileName, MasterCopy> masterCopies = new ConcurrentHashMap<>();

    public Library(Database db, BlobStore store, EventLog events, Inspector inspector, Clock clock) {
        this.db = db;
        this.store = store;
        this.catalog = new Catalog();
        this.events = events;
        this.inspector = inspector;
        this.clock = clock;
        this.builds = new Builds(catalog, events);
    }

    public Database database() {
        return db;
    }

    public BlobStore store() {
        return store;
    }

    public EventLog events() {
        return events;
    }

    // Pushing

    /**
     * Takes a file into the library. Reads {@code body} to its end (or until it fails) and never
     * holds it in memory.
     *
     * @throws InvalidNameException for a file name or field the library cannot accept; nothing is read
     * @throws io.coffer.store.BlobIntegrityException when the bytes do not match the stated digest or length
     * @throws UnidentifiedMediaException when product or version is neither given nor readable
     * @throws ImmutableVersionException when different bytes are already stored under the same name
     * @throws IOException when the body cannot be read; nothing is kept
     */
    public PushResult push(InputStream body, PushRequest request, String actor) throws IOException {
        return push(body, request, BuildInfo.NONE, actor);
    }

    /**
     * Takes a file into the library, as {@link #push(InputStream, PushRequest, String)}, with how it
     * was built. The build record is kept with the version in the same transaction: for a version
     * this push creates, or one without a record; the same record again changes nothing. A product
     * created by a push with build information is internal unless the request says otherwise.
     *
     * @param build how the version was built; {@link BuildInfo#NONE} for nothing
     * @throws BuildRecordConflictException when the version has a different record or the product is
     *     external; nothing is kept
     */
    public PushResult push(InputStream body, PushRequest request, BuildInfo build, String actor) throws IOException {
        BuildInfo givenBuild = Builds.clean(build);
        String fileName = Names.fileName(request.fileName());
        String givenProduct = request.product() == null ? null : Names.productName(request.product());
        String givenVersion = request.version() == null ? null : Names.version(request.version());
        String supplier = Names.text("supplier", request.supplier(), 255);
        String license = Names.text("licence", request.license(), 1024);
        String description = Names.text("description", request.description(), 4096);
        String location = Names.text("location", request.location(), 2048);
        VersionScheme requestedScheme = request.scheme() == null ? null : VersionScheme.parse(request.scheme());
        Product.Kind kind = request.kind() == null && !givenBuild.isEmpty() ? Product.Kind.INTERNAL
                : parseKind(request.kind());

        try (StagedBlob blob = store.stage(body, request.expectedDigest(), request.expectedLength())) {
            Inspection found = inspect(blob, fileName);
            String product = givenProduct != null ? givenProduct : productFrom(found);
            String version = givenVersion != null ? givenVersion : found.problem() == null ? found.version() : null;
            if (product == null || version == null) {
                throw new UnidentifiedMediaException(unidentified(fileName, found, product, version));
            }
            boolean readable = found.problem() == null;
            String note = readable ? null : found.problem() + "; stored as a plain master copy";
            Map<String, String> metadata = new LinkedHashMap<>(found.attributes());
            // Guesses from the file name are not facts read from the file; where the librarian said
            // otherwise they would only contradict the catalog.
            List<String> guessed = List.of(found.attributes().getOrDefault("guessedFromFileName", "").split(","));
            if (!guessed.contains("product") || givenProduct == null) {
                putIfPresent(metadata, "product", found.product());
            }
            if (!guessed.contains("version") || givenVersion == null) {
                putIfPresent(metadata, "version", found.version());
            }
            putIfPresent(metadata, "supplier", found.supplier());
            putIfPresent(metadata, "license", found.license());
            putIfPresent(metadata, "description", found.description());
            putIfPresent(metadata, "architecture", found.architecture());
            putIfPresent(metadata, "problem", found.problem());
            MediaFormat format = readable ? found.format() : MediaFormat.OTHER;
            String suggested = readable ? format.suggestedScheme() : null;
            VersionScheme schemeForNew = requestedScheme != null ? requestedScheme
                    : suggested != null ? VersionScheme.parse(suggested) : guessScheme(version);

            Ingest ingest = new Ingest(fileName, Names.productName(product), Names.version(version),
                    supplier != null ? supplier : readable ? found.supplier() : null,
                    license != null ? license : readable ? found.license() : null,
                    description != null ? description : readable ? found.description() : null,
                    location, schemeForNew, kind, format, metadata, note, givenBuild);
            return record(blob, ingest, actor);
        }
    }

    private record Ingest(String fileName, String product, String version, String supplier, String license,
            String description, String location, VersionScheme scheme, Product.Kind kind, MediaFormat format,
            Map<String, String> metadata, String note, BuildInfo build) {}

    private PushResult record(StagedBlob blob, Ingest in, String actor) {
        String at = now();
        PushResult result = db.write(h -> {
            boolean productCreated = false;
            Product product = catalog.product(h, in.product()).orElse(null);
            if (product == null) {
                product = catalog.createProduct(h, new Catalog.NewProduct(in.product(), in.supplier(), in.kind(),
                        in.scheme().id(), in.description(), null), actor, at);
                events.append(h, actor, "product.created", subject(product.name()), Map.of(
                        "scheme", product.scheme(), "kind", product.kind().id(),
                        "supplier", String.valueOf(product.supplier())));
                productCreated = true;
            } else {
                catalog.fillProduct(h, product.id(), in.supplier(), in.description(), at);
            }
            VersionScheme scheme = VersionScheme.parse(product.scheme());
            Optional<String> misfit = scheme.problem(in.version());
            if (misfit.isPresent()) {
                throw new InvalidRequestException("version '" + Names.printable(in.version())
                        + "' does not fit product '" + product.name() + "', whose versions follow the " + scheme.id()
                        + " scheme: " + misfit.get());
            }

            boolean versionCreated = false;
            ProductVersion version = catalog.version(h, product.id(), in.version()).orElse(null);
            if (version == null) {
                version = catalog.createVersion(h, product, in.version(), null, actor, at);
                events.append(h, actor, "version.created", subject(product.name(), version.version()), Map.of(
                        "uploadSeq", version.uploadSeq()));
                versionCreated = true;
            }

            Optional<Builds.Change> build = builds.decide(h, product, version, in.build(), null,
                    Map.of("from", "push"), actor, at);
            Optional<MediaItem> existing = catalog.media(h, version.id(), in.fileName());
            if (existing.isPresent()) {
                MediaItem item = existing.get();
                if (item.sha256().equals(blob.digest().hex())) {
                    build.ifPresent(change -> builds.write(h, change, actor));
                    return new PushResult.AlreadyPresent(item);
                }
                throw new ImmutableVersionException(product.name() + " " + version.version() + " already holds '"
                        + item.fileName() + "' with " + new Digest(item.sha256()) + "; the pushed bytes are "
                        + blob.digest() + ". A pushed version is immutable: push the change as a new version");
            }
            if (version.status() == ProductVersion.Status.WITHDRAWN) {
                throw new ImmutableVersionException(product.name() + " " + version.version() + " was withdrawn by "
                        + version.statusBy() + " at " + version.statusAt() + " (" + version.statusReason()
                        + "); nothing more can be added to it");
            }

            commit(blob);
            MediaItem item = catalog.insertMedia(h, new Catalog.NewMediaItem(version.id(), in.fileName(), blob.size(),
                    blob.digest().hex(), in.format().mediaType(), in.format().name().toLowerCase(Locale.ROOT),
                    in.license(), in.metadata()), actor, at);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("fileName", item.fileName());
            details.put("sha256", item.sha256());
            details.put("size", item.size());
            details.put("format", item.format());
            if (in.license() != null) {
                details.put("license", in.license());
            }
            events.append(h, actor, "media.pushed", subject(product.name(), version.version(), item.fileName()),
                    details);
            if (in.location() != null) {
                item = addLocation(h, item, in.location(), actor, at);
            }
            build.ifPresent(change -> builds.write(h, change, actor));
            return new PushResult.Stored(item, productCreated, versionCreated, in.note());
        });
        if (result instanceof PushResult.Stored stored) {
            log.info("Pushed {} {} '{}' as {} ({} bytes) by {}", stored.item().product(), stored.item().version(),
                    stored.item().fileName(), blob.digest(), blob.size(), actor);
        }
        return result;
    }

    private static void commit(StagedBlob blob) {
        try {
            blob.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("could not store blob " + blob.digest() + " durably", e);
        }
    }

    private Inspection inspect(StagedBlob blob, String fileName) {
        return inspector.inspect(blob.file(), fileName);
    }

    private static String productFrom(Inspection found) {
        return found.problem() == null ? found.product() : null;
    }

    private static String unidentified(String fileName, Inspection found, String product, String version) {
        String missing = product == null && version == null ? "product and version"
                : product == null ? "product" : "version";
        String why = found.problem() != null ? found.problem() : "'" + Names.printable(fileName) + "' does not say its "
                + missing;
        return why + "; give the " + missing + " (--product, --version) to store it as a plain master copy";
    }

    private static VersionScheme guessScheme(String version) {
        if (VersionScheme.SEMVER.problem(version).isEmpty()) {
            return VersionScheme.SEMVER;
        }
        if (VersionScheme.CALENDAR.problem(version).isEmpty()) {
            return VersionScheme.CALENDAR;
        }
        return VersionScheme.OPAQUE;
    }

    private static Product.Kind parseKind(String kind) {
        if (kind == null) {
            return Product.Kind.EXTERNAL;
        }
        try {
            return Product.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("product kind '" + Names.printable(kind)
                    + "' is not known; expected external or internal");
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    // Products

    /** The outcome of creating a product: it, and whether it is new (false: the same was already there). */
    public record ProductCreation(Product product, boolean created) {}

    /**
     * Creates a product explicitly, with its version scheme. Asking for the same product again
     * changes nothing; asking for it with different values is a conflict, as for every write.
     */
    public ProductCreation createProduct(Catalog.NewProduct spec, String actor) {
        String name = Names.productName(spec.name());
        VersionScheme scheme = VersionScheme.parse(spec.scheme() == null ? "semver" : spec.scheme());
        String homepage = Names.text("homepage", spec.homepage(), 2048);
        if (homepage != null && !homepage.matches("(?i)https?://[^\\s]+")) {
            throw new InvalidRequestException("homepage '" + Names.printable(homepage)
                    + "' is not an http:// or https:// address");
        }
        Catalog.NewProduct clean = new Catalog.NewProduct(name, Names.text("supplier", spec.supplier(), 255),
                spec.kind() == null ? Product.Kind.EXTERNAL : spec.kind(), scheme.id(),
                Names.text("description", spec.description(), 4096), homepage);
        String at = now();
        return db.write(h -> {
            Optional<Product> existing = catalog.product(h, name);
            if (existing.isPresent()) {
                Product p = existing.get();
                String differs = differs("scheme", p.scheme(), clean.scheme())
                        + differs("kind", p.kind().id(), clean.kind().id())
                        + differs("supplier", p.supplier(), clean.supplier())
                        + differs("description", p.description(), clean.description())
                        + differs("homepage", p.homepage(), clean.homepage());
                if (differs.isEmpty()) {
                    return new ProductCreation(p, false);
                }
                throw new ImmutableVersionException("product '" + name + "' already exists with" + differs
                        + "; an existing product is not changed by creating it again");
            }
            Product p = catalog.createProduct(h, clean, actor, at);
            events.append(h, actor, "product.created", subject(name), Map.of("scheme", p.scheme(),
                    "kind", p.kind().id(), "supplier", String.valueOf(p.supplier())));
            return new ProductCreation(p, true);
        });
    }

    /** Empty when the request leaves the field out or it equals what is there; else names the difference. */
    private static String differs(String field, String existing, String requested) {
        if (requested == null || requested.equals(existing)) {
            return "";
        }
        return " " + field + " '" + existing + "' (not '" + Names.printable(requested) + "')";
    }

    public Product product(String name) {
        return db.read(h -> product(h, name));
    }

    private Product product(Handle h, String name) {
        return catalog.product(h, name).orElseThrow(() -> new NoSuchProductException("no product '"
                + Names.printable(name) + "' in the catalog"));
    }

    public List<Product> products(String nameContains, int limit, int offset) {
        return db.read(h -> catalog.products(h, nameContains, limit, offset));
    }

    public List<io.coffer.catalog.Supplier> suppliers() {
        return db.read(catalog::suppliers);
    }

    // Versions

    /** All versions of a product, lowest first in the product's scheme. */
    public List<ProductVersion> versions(String productName) {
        return db.read(h -> {
            Product product = product(h, productName);
            return sorted(product, catalog.versions(h, product.id()));
        });
    }

    private static List<ProductVersion> sorted(Product product, List<ProductVersion> versions) {
        return VersionScheme.parse(product.scheme()).sorted(versions, ProductVersion::version,
                ProductVersion::uploadSeq);
    }

    /** The highest version of a product in its scheme that is not withdrawn. */
    public ProductVersion latest(String productName) {
        List<ProductVersion> all = versions(productName);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).status() != ProductVersion.Status.WITHDRAWN) {
                return all.get(i);
            }
        }
        throw new NoSuchVersionException("product '" + productName + "' has no version that is not withdrawn");
    }

    public VersionDetail version(String productName, String version) {
        return db.read(h -> {
            ProductVersion v = version(h, productName, version);
            return new VersionDetail(v, catalog.mediaOf(h, v.id()), catalog.buildRecord(h, v.id()).orElse(null));
        });
    }

    private ProductVersion version(Handle h, String productName, String version) {
        Product product = product(h, productName);
        return catalog.version(h, product.id(), version).orElseThrow(() -> new NoSuchVersionException(
                "product '" + productName + "' has no version '" + Names.printable(version) + "'"));
    }

    /**
     * Changes a version's status (deprecated, withdrawn, or back to active from deprecated), with the
     * reason. A withdrawn version stays withdrawn.
     */
    public ProductVersion setStatus(String productName, String version, ProductVersion.Status status, String reason,
            String actor) {
        String why = Names.text("reason", reason, 4096);
        if (why == null) {
            throw new InvalidRequestException("a reason is required to mark " + productName + " " + version + " "
                    + status.id());
        }
        String at = now();
        return db.write(h -> {
            ProductVersion v = version(h, productName, version);
            if (v.status() == status) {
                return v;
            }
            if (v.status() == ProductVersion.Status.WITHDRAWN) {
                throw new ImmutableVersionException(productName + " " + version + " was withdrawn by " + v.statusBy()
                        + " at " + v.statusAt() + "; a withdrawn version cannot become " + status.id());
            }
            catalog.setStatus(h, v.id(), status, why, actor, at);
            events.append(h, actor, "version." + status.id(), subject(productName, version), Map.of(
                    "before", v.status().id(), "after", status.id(), "reason", why));
            return catalog.version(h, v.productId(), version).orElseThrow();
        });
    }

    // Build records

    /**
     * Imports an in-toto statement with SLSA provenance (v0.2 or v1) as the build record of a version
     * of an internal product; see {@link Provenance} for what is read and how it maps. The statement
     * must name one of the version's media items by SHA-256. Its original text is kept. Importing the
     * same statement again changes nothing.
     *
     * @param document the statement, a DSSE envelope around one, or JSON Lines of them; read to its
     *     end but never beyond {@link #MAX_PROVENANCE_BYTES}
     * @throws CofferException with {@link io.coffer.Failure#TOO_LARGE} for a larger document
     * @throws InvalidProvenanceException for a document that is not such a statement
     * @throws ProvenanceMismatchException when no statement is about a media item of the version
     * @throws BuildRecordConflictException when the version's record says otherwise, or the product
     *     is external
     */
    public VersionDetail importProvenance(String productName, String version, InputStream document, String actor)
            throws IOException {
        byte[] bytes = document.readNBytes(MAX_PROVENANCE_BYTES + 1);
        if (bytes.length > MAX_PROVENANCE_BYTES) {
            throw new CofferException(Failure.TOO_LARGE, "the provenance document is larger than "
                    + MAX_PROVENANCE_BYTES + " bytes; real SLSA statements are a few kilobytes");
        }
        List<Provenance.Statement> statements = Provenance.read(Provenance.decode(bytes));
        List<Provenance.Statement> checked = new ArrayList<>();
        for (Provenance.Statement s : statements) {
            checked.add(new Provenance.Statement(s.text(), s.statementType(), s.predicateType(), s.subjects(),
                    Builds.clean(s.build())));
        }
        String at = now();
        return db.write(h -> {
            Product product = product(h, productName);
            ProductVersion v = version(h, productName, version);
            List<MediaItem> media = catalog.mediaOf(h, v.id());
            Provenance.Statement statement = about(checked, media, productName + " " + version);
            Map<String, Object> origin = new LinkedHashMap<>();
            origin.put("from", "provenance");
            origin.put("statementType", statement.statementType());
            origin.put("predicateType", statement.predicateType());
            origin.put("subjects", statement.subjects().stream().filter(s -> media.stream()
                    .anyMatch(m -> m.sha256().equals(s.sha256()))).map(Provenance.Subject::sha256).toList());
            builds.decide(h, product, v, statement.build(), statement.text(), origin, actor, at)
                    .ifPresent(change -> builds.write(h, change, actor));
            return new VersionDetail(v, media, catalog.buildRecord(h, v.id()).orElse(null));
        });
    }

    /**
     * The provenance statement kept for a version, as it was imported.
     *
     * @throws CofferException with {@link io.coffer.Failure#NOT_FOUND} when the version has none
     */
    public String provenance(String productName, String version) {
        return db.read(h -> {
            ProductVersion v = version(h, productName, version);
            return catalog.buildRecord(h, v.id()).map(io.coffer.catalog.BuildRecord::provenance);
        }).orElseThrow(() -> new CofferException(Failure.NOT_FOUND, productName + " " + version + " has no "
                + "provenance statement; import one with 'coffer provenance'"));
    }

    /** The one statement that is about a media item of the version. */
    private static Provenance.Statement about(List<Provenance.Statement> statements, List<MediaItem> media,
            String what) {
        List<Provenance.Statement> matching = statements.stream().filter(s -> s.subjects().stream()
                .anyMatch(sub -> media.stream().anyMatch(m -> m.sha256().equals(sub.sha256())))).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.size() > 1) {
            throw new InvalidProvenanceException(matching.size() + " statements of the document are about " + what
                    + "; import them one at a time");
        }
        String named = statements.stream().flatMap(s -> s.subjects().stream()).limit(5)
                .map(s -> (s.name() == null ? "" : "'" + Names.printable(s.name()) + "' ") + "sha256 " + s.sha256())
                .collect(Collectors.joining(", "));
        String held = media.stream().limit(5).map(m -> "'" + m.fileName() + "' sha256 " + m.sha256())
                .collect(Collectors.joining(", "));
        throw new ProvenanceMismatchException("the provenance is about " + named + ", none of which is a media item "
                + "of " + what + " (" + held + "); a statement is imported for the version whose files it names");
    }

    // Media

    public MediaItem media(long id) {
        return db.read(h -> catalog.media(h, id)).orElseThrow(() -> new NoSuchMediaException("no media item " + id));
    }

    public MediaItem media(String productName, String version, String fileName) {
        return db.read(h -> catalog.media(h, productName, version, fileName).orElseThrow(() -> {
            // Only a miss pays for finding out which of product, version and file is missing.
            version(h, productName, version);
            return new NoSuchMediaException(productName + " " + version + " has no file '"
                    + Names.printable(fileName) + "'");
        }));
    }

    /**
     * Where the bytes of a file of a version are, for downloads by name. A pushed name is bound to
     * its bytes for good: other bytes under the same name are refused, and products, versions and
     * media items are never deleted or renamed. So a name, once found, is remembered and later
     * calls for it do not touch the catalog (up to {@value #MASTER_COPIES_REMEMBERED} names, then
     * all are forgotten at once); a name that is not found is not remembered. A version's status
     * plays no part: a withdrawn version's files can still be fetched. Were that to change, the
     * status would have to be read on every call, since it does change.
     *
     * @throws NoSuchProductException, NoSuchVersionException or NoSuchMediaException for the first
     *     part of the name that the catalog does not have
     */
    public MasterCopy masterCopy(String productName, String version, String fileName) {
        FileName name = new FileName(productName, version, fileName);
        MasterCopy known = masterCopies.get(name);
        if (known != null) {
            return known;
        }
        MediaItem item = media(productName, version, fileName);
        MasterCopy found = new MasterCopy(new Digest(item.sha256()), item.fileName(), item.mediaType());
        if (masterCopies.size() >= MASTER_COPIES_REMEMBERED) {
            masterCopies.clear();
        }
        masterCopies.put(name, found);
        return found;
    }

    private record FileName(String product, String version, String fileName) {}

    public List<MediaItem> mediaByDigest(Digest digest) {
        return db.read(h -> catalog.mediaByDigest(h, digest.hex()));
    }

    public List<MediaItem> search(Catalog.Criteria criteria, int limit) {
        return db.read(h -> catalog.search(h, criteria, limit));
    }

    /** Records that the physical media of an item were seen at a place, by the actor, now. */
    public MediaItem addLocation(long mediaItemId, String location, String actor) {
        String where = Names.text("location", location, 2048);
        if (where == null) {
            throw new InvalidRequestException("a location is required");
        }
        String at = now();
        return db.write(h -> {
            MediaItem item = catalog.media(h, mediaItemId).orElseThrow(() -> new NoSuchMediaException(
                    "no media item " + mediaItemId));
            return addLocation(h, item, where, actor, at);
        });
    }

    private MediaItem addLocation(Handle h, MediaItem item, String location, String actor, String at) {
        catalog.addLocation(h, item.id(), location, actor, at);
        events.append(h, actor, "media.located", subject(item.product(), item.version(), item.fileName()),
                Map.of("location", location));
        return catalog.media(h, item.id()).orElseThrow();
    }

    // Helpers

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** The event subject naming a product, a version or a file: segments joined by '/'. */
    static String subject(String... segments) {
        return "product/" + String.join("/", segments);
    }
}
