package io.coffer.library;

import io.coffer.catalog.BuildRecord;
import io.coffer.catalog.Catalog;
import io.coffer.catalog.Product;
import io.coffer.catalog.ProductVersion;
import io.coffer.events.EventLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The rules of build records. A version of an internal product gets its build record with the push
 * that creates it, with a later push, or from a provenance statement; after that the record does
 * not change, like the version it describes: giving what it holds again changes nothing, and giving
 * something else is a conflict. The one exception is a provenance statement for a version whose
 * record came without one: it is attached, and may fill fields the record left empty, but not
 * contradict those it has.
 */
final class Builds {

    private final Catalog catalog;
    private final EventLog events;

    Builds(Catalog catalog, EventLog events) {
        this.catalog = catalog;
        this.events = events;
    }

    /** What a push or an import would do to a version's build record: nothing, or write {@code after}. */
    record Change(ProductVersion version, BuildRecord before, BuildRecord after, Map<String, Object> origin) {}

    /**
     * The given fields, checked: bounded, no control characters.
     *
     * @throws InvalidNameException naming the field
     */
    static BuildInfo clean(BuildInfo raw) {
        if (raw == null) {
            return BuildInfo.NONE;
        }
        return new BuildInfo(Names.text("source repository", raw.sourceRepository(), 2048),
                Names.text("revision", raw.revision(), 255), Names.text("builder", raw.builder(), 255),
                Names.text("build command", raw.buildCommand(), 65_536),
                Names.text("build environment", raw.environment(), 65_536));
    }

    /**
     * Decides, inside the caller's transaction, what recording {@code given} for a version does.
     *
     * @param provenance the statement's original text, or null for a push
     * @return the change to write, or empty when the version already has exactly this
     * @throws BuildRecordConflictException for an external product or a contradicting record
     * @throws ImmutableVersionException for a withdrawn version
     */
    Optional<Change> decide(Handle h, Product product, ProductVersion version, BuildInfo given, String provenance,
            Map<String, Object> origin, String actor, String at) {
        if (given.isEmpty() && provenance == null) {
            return Optional.empty();
        }
        String what = product.name() + " " + version.version();
        if (product.kind() != Product.Kind.INTERNAL) {
            throw new BuildRecordConflictException("product '" + product.name() + "' is " + product.kind().id()
                    + " (a supplier's); build records are kept for in-house products, whose kind is internal");
        }
        Optional<BuildRecord> existing = catalog.buildRecord(h, version.id());
        if (existing.isEmpty()) {
            refuseIfWithdrawn(version, what);
            return Optional.of(new Change(version, null, new BuildRecord(given.sourceRepository(), given.revision(),
                    given.builder(), given.buildCommand(), given.environment(), provenance, at, actor), origin));
        }
        BuildRecord old = existing.get();
        List<String> contradictions = new ArrayList<>();
        List<String> additions = new ArrayList<>();
        compare("source repository", old.sourceRepository(), given.sourceRepository(), contradictions, additions);
        compare("revision", old.revision(), given.revision(), contradictions, additions);
        compare("builder", old.builder(), given.builder(), contradictions, additions);
        compare("build command", old.buildCommand(), given.buildCommand(), contradictions, additions);
        compare("build environment", old.environment(), given.environment(), contradictions, additions);
        String recorded = "the build record of " + what + " was recorded by " + old.recordedBy() + " at "
                + old.recordedAt();
        if (!contradictions.isEmpty()) {
            throw new BuildRecordConflictException(recorded + " and says otherwise: " + String.join("; ",
                    contradictions) + ". A build record does not change; a different build is a new version");
        }
        if (provenance != null && old.provenance() != null) {
            if (old.provenance().equals(provenance)) {
                return Optional.empty();
            }
            throw new BuildRecordConflictException(recorded + " with a different provenance statement (sha256 "
                    + sha256(old.provenance()) + "; this one is " + sha256(provenance) + "). A build record does "
                    + "not change; a different build is a new version");
        }
        if (provenance == null) {
            if (!additions.isEmpty()) {
                throw new BuildRecordConflictException(recorded + " without " + String.join(", ", additions)
                        + ", and a build record does not change. Record it with the push that creates the version, "
                        + "or attach a provenance statement");
            }
            return Optional.empty();
        }
        refuseIfWithdrawn(version, what);
        return Optional.of(new Change(version, old, new BuildRecord(
                Objects.requireNonNullElse(old.sourceRepository(), given.sourceRepository()),
                Objects.requireNonNullElse(old.revision(), given.revision()),
                Objects.requireNonNullElse(old.builder(), given.builder()),
                Objects.requireNonNullElse(old.buildCommand(), given.buildCommand()),
                Objects.requireNonNullElse(old.environment(), given.environment()), provenance, at, actor), origin));
    }

    /** Writes a decided change and its event, inside the transaction that decided it. */
    void write(Handle h, Change change, String actor) {
        ProductVersion v = change.version();
        if (change.before() == null) {
            catalog.putBuildRecord(h, v.id(), change.after());
        } else {
            catalog.replaceBuildRecord(h, v.id(), change.after());
        }
        Map<String, Object> details = new LinkedHashMap<>(change.origin());
        details.put("before", change.before() == null ? null : fields(change.before()));
        details.put("after", fields(change.after()));
        events.append(h, actor, "version.build-recorded", Library.subject(v.product(), v.version()), details);
    }

    private static void refuseIfWithdrawn(ProductVersion version, String what) {
        if (version.status() == ProductVersion.Status.WITHDRAWN) {
            throw new ImmutableVersionException(what + " was withdrawn by " + version.statusBy() + " at "
                    + version.statusAt() + "; its build record cannot change");
        }
    }

    private static void compare(String field, String old, String given, List<String> contradictions,
            List<String> additions) {
        if (given == null) {
            return;
        }
        if (old == null) {
            additions.add(field);
        } else if (!old.equals(given)) {
            contradictions.add(field + " is '" + Names.printable(shorten(old)) + "', not '"
                    + Names.printable(shorten(given)) + "'");
        }
    }

    private static Map<String, Object> fields(BuildRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sourceRepository", r.sourceRepository());
        out.put("revision", r.revision());
        out.put("builder", r.builder());
        out.put("buildCommand", r.buildCommand());
        out.put("environment", r.environment());
        out.put("provenanceSha256", r.provenance() == null ? null : sha256(r.provenance()));
        return out;
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
