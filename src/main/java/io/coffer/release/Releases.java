package io.coffer.release;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.catalog.Catalog;
import io.coffer.catalog.Database;
import io.coffer.catalog.MediaItem;
import io.coffer.catalog.Product;
import io.coffer.catalog.ProductVersion;
import io.coffer.events.Event;
import io.coffer.events.EventLog;
import io.coffer.library.InvalidRequestException;
import io.coffer.library.Library;
import io.coffer.library.Names;
import io.coffer.library.NoSuchMediaException;
import io.coffer.library.NoSuchProductException;
import io.coffer.library.NoSuchVersionException;
import io.coffer.store.BlobStore;
import io.coffer.store.Digest;
import io.coffer.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release programme: releases are assembled from catalogued media, submitted, approved,
 * scheduled, deployed and closed (or rejected, cancelled, rolled back), each step under the rules of
 * its state and of the release policy.
 *
 * <p>Every change runs in one catalog transaction that first locks the release's row, re-reads it,
 * checks the rules and then writes the change, its status history and its event together. A step
 * that a rule forbids throws {@link ReleaseRuleException} (a conflict naming the rule) before
 * anything is written, so a refused step changes nothing.
 *
 * <p>On the approval that reaches the policy's number, the release is frozen: its content, details
 * and approvals become a {@link Manifest}, signed with the server's {@link SigningKey} and stored.
 * The manifest records the window planned at that moment; scheduling it later into another window
 * is recorded in the release and its history, not in the signed manifest, which never changes.
 *
 * <p>Identifiers are {@code REL-<year>-<number>}: the year of creation in UTC and a number counting
 * from 1 in each year, handed out inside the creating transaction.
 */
public final class Releases {

    private static final Logger log = LoggerFactory.getLogger(Releases.class);
    private static final Pattern ID = Pattern.compile("REL-(\\d{4})-(\\d{4,9})", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINE = 255;

    private final Database db;
    private final Library library;
    private final BlobStore store;
    private final EventLog events;
    private final SigningKey key;
    private final Clock clock;
    private final Catalog catalog = new Catalog();
    private final ReleaseCatalog rows = new ReleaseCatalog();
    private final ReleasePolicies policies;

    /**
     * The details of a release as given by its release manager. For a change, null fields are left
     * as they are.
     *
     * @param type major, minor or emergency
     * @param owner who answers for the release; the author when not given at creation
     */
    public record Fields(String title, String type, String owner, PlannedWindow window, String notes,
            String backoutPlan) {}

    public Releases(Library library, SigningKey key, Clock clock) {
        this.db = library.database();
        this.library = library;
        this.store = library.store();
        this.events = library.events();
        this.key = key;
        this.clock = clock;
        this.policies = new ReleasePolicies(db, events, rows, clock);
    }

    /** The public key that verifies manifests, as PEM. */
    public String publicKeyPem() {
        return key.publicKeyPem();
    }

    // Creating, reading and changing

    /**
     * Creates a draft release, optionally copying the content of a baseline release into it.
     *
     * @param baseline the id of a release whose items to copy, or null
     * @throws InvalidRequestException when the title or type is missing or a field is malformed
     */
    public Release create(Fields fields, String baseline, String actor) {
        String title = Texts.requiredLine("title", fields.title(), MAX_LINE);
        if (fields.type() == null) {
            throw new InvalidRequestException("type is required: major, minor or emergency");
        }
        ReleaseType type = type(fields.type());
        String owner = Objects.requireNonNullElse(Texts.line("owner", fields.owner(), MAX_LINE), actor);
        String notes = Texts.multiline("notes", fields.notes(), Texts.MAX_LONG);
        String backout = Texts.multiline("back-out plan", fields.backoutPlan(), Texts.MAX_LONG);
        String from = baseline == null ? null : id(baseline);
        Instant now = clock.instant();
        String at = at(now);
        int year = now.atZone(ZoneOffset.UTC).getYear();
        Release created = db.write(h -> {
            int seq = rows.nextSequence(h, year);
            String id = String.format(Locale.ROOT, "REL-%04d-%04d", year, seq);
            rows.insert(h, new ReleaseCatalog.Row(id, title, type, ReleaseStatus.DRAFT, owner, actor,
                    fields.window(), notes, backout, null, null, null, null, at, at), year, seq);
            rows.addTransition(h, id, null, ReleaseStatus.DRAFT, actor, at, null);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("title", title);
            details.put("type", type.id());
            details.put("owner", owner);
            details.put("window", fields.window());
            events.append(h, actor, "release.created", subject(id), details);
            if (from != null) {
                copyBaseline(h, id, from, actor, at);
            }
            return load(h, id);
        });
        log.info("Release {} created by {}: {}", created.id(), actor, title);
        return created;
    }

    /** A release with its content, evidence, approvals and history. */
    public Release release(String id) {
        String rid = id(id);
        return db.read(h -> {
            if (rows.row(h, rid).isEmpty()) {
                throw noSuchRelease(rid);
            }
            return load(h, rid);
        });
    }

    /**
     * Releases in identifier order.
     *
     * @param status only those in this status, or null for all
     * @param reviewRequired only those flagged (true) or not flagged (false) for review, or null
     */
    public List<ReleaseSummary> list(ReleaseStatus status, Boolean reviewRequired, int limit, int offset) {
        return db.read(h -> rows.list(h, status, reviewRequired, limit, offset));
    }

    /** Changes the details of a draft; null fields stay as they are. */
    public Release update(String id, Fields fields, String actor) {
        String rid = id(id);
        String title = Texts.line("title", fields.title(), MAX_LINE);
        ReleaseType type = fields.type() == null ? null : type(fields.type());
        String owner = Texts.line("owner", fields.owner(), MAX_LINE);
        String notes = Texts.multiline("notes", fields.notes(), Texts.MAX_LONG);
        String backout = Texts.multiline("back-out plan", fields.backoutPlan(), Texts.MAX_LONG);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.CHANGE.check(rid, r.status());
            ReleaseCatalog.Row next = new ReleaseCatalog.Row(rid, or(title, r.title()), or(type, r.type()),
                    r.status(), or(owner, r.owner()), r.author(), or(fields.window(), r.window()),
                    or(notes, r.notes()), or(backout, r.backoutPlan()), r.baseline(), r.reviewReason(), r.review(),
                    r.policyVersion(), r.createdAt(), at);
            Map<String, Object> changed = changes(r, next);
            if (changed.isEmpty()) {
                return load(h, rid);
            }
            rows.update(h, next);
            events.append(h, actor, "release.updated", subject(rid), changed);
            return load(h, rid);
        });
    }

    // Content

    /**
     * Adds the media items of a product version to a draft: all of them, or the one named. The items
     * are pinned by digest with the licence and supplier the catalog records. Items already in the
     * release are left as they are.
     *
     * @param version a version, or {@code latest} for the product's highest version not withdrawn
     * @param fileName one file of the version, or null for all
     * @throws ReleaseRuleException when the release is not a draft ({@code draft-only}), the version was
     *     withdrawn ({@code withdrawn-version}), has no files ({@code no-media}), or the release already
     *     holds another version of the product ({@code one-version-per-product})
     */
    public Release addItems(String id, String product, String version, String fileName, String actor) {
        String rid = id(id);
        String productName = Names.productName(product);
        String wanted = Texts.requiredLine("version", version, MAX_LINE);
        String file = fileName == null ? null : Names.fileName(fileName);
        String resolved = wanted.equals("latest") ? library.latest(productName).version() : wanted;
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.CHANGE.check(rid, r.status());
            Product p = catalog.product(h, productName).orElseThrow(() -> new NoSuchProductException(
                    "no product '" + productName + "' in the catalog"));
            ProductVersion v = catalog.version(h, p.id(), resolved).orElseThrow(() -> new NoSuchVersionException(
                    "product '" + productName + "' has no version '" + resolved + "'"));
            refuseWithdrawn(v);
            List<MediaItem> media;
            if (file == null) {
                media = catalog.mediaOf(h, v.id());
            } else {
                media = List.of(catalog.media(h, v.id(), file).orElseThrow(() -> new NoSuchMediaException(
                        productName + " " + resolved + " has no file '" + file + "'")));
            }
            if (media.isEmpty()) {
                throw new ReleaseRuleException("no-media", productName + " " + resolved + " has no media items, so "
                        + "there is nothing to release");
            }
            List<ReleaseCatalog.PinnedItem> present = rows.items(h, rid);
            refuseOtherVersion(rid, present, productName, resolved);
            List<Map<String, Object>> added = new ArrayList<>();
            for (MediaItem m : media) {
                if (present.stream().anyMatch(x -> x.mediaItemId() == m.id())) {
                    continue;
                }
                ReleaseItem item = new ReleaseItem(productName, resolved, m.fileName(), m.size(), m.sha256(),
                        m.license(), p.supplier());
                rows.addItem(h, rid, new ReleaseCatalog.PinnedItem(item, m.id()), actor, at);
                added.add(itemDetails(item));
            }
            if (!added.isEmpty()) {
                events.append(h, actor, "release.items-added", subject(rid), Map.of("product", productName,
                        "version", resolved, "items", added));
            }
            return load(h, rid);
        });
    }

    /**
     * Removes the items of a product from a draft: all of them, or the one file named.
     *
     * @throws NoSuchMediaException when the release holds no such item
     */
    public Release removeItems(String id, String product, String fileName, String actor) {
        String rid = id(id);
        String productName = Names.productName(product);
        String file = fileName == null ? null : Names.fileName(fileName);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.CHANGE.check(rid, r.status());
            List<ReleaseCatalog.PinnedItem> gone = rows.items(h, rid).stream()
                    .filter(p -> p.item().product().equals(productName))
                    .filter(p -> file == null || p.item().fileName().equals(file))
                    .toList();
            if (gone.isEmpty()) {
                throw new NoSuchMediaException(rid + " holds no item of product '" + productName + "'"
                        + (file == null ? "" : " named '" + file + "'"));
            }
            List<Map<String, Object>> removed = new ArrayList<>();
            for (ReleaseCatalog.PinnedItem p : gone) {
                rows.removeItem(h, rid, p.mediaItemId());
                removed.add(itemDetails(p.item()));
            }
            events.append(h, actor, "release.items-removed", subject(rid), Map.of("product", productName,
                    "items", removed));
            return load(h, rid);
        });
    }

    /**
     * Copies the content of another release into a draft as its baseline. Items already present stay;
     * every copied item is checked as if added by hand.
     *
     * @throws ReleaseRuleException when a copied item's version was withdrawn since
     *     ({@code withdrawn-version}) or the draft holds another version of a copied product
     *     ({@code one-version-per-product})
     */
    public Release copyBaseline(String id, String baseline, String actor) {
        String rid = id(id);
        String from = id(baseline);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.CHANGE.check(rid, r.status());
            copyBaseline(h, rid, from, actor, at);
            return load(h, rid);
        });
    }

    private void copyBaseline(Handle h, String rid, String from, String actor, String at) {
        if (from.equals(rid)) {
            throw new InvalidRequestException(rid + " cannot be its own baseline");
        }
        ReleaseCatalog.Row source = rows.row(h, from).orElseThrow(() -> noSuchRelease(from));
        List<ReleaseCatalog.PinnedItem> present = rows.items(h, rid);
        List<ReleaseCatalog.PinnedItem> copied = rows.items(h, from);
        List<String> withdrawn = new ArrayList<>();
        for (ReleaseCatalog.PinnedItem p : copied) {
            ProductVersion v = versionOf(h, p);
            if (v.status() == ProductVersion.Status.WITHDRAWN) {
                withdrawn.add(p.item().product() + " " + p.item().version() + " (" + v.statusReason() + ")");
            }
            refuseOtherVersion(rid, present, p.item().product(), p.item().version());
        }
        if (!withdrawn.isEmpty()) {
            throw new ReleaseRuleException("withdrawn-version", "baseline " + from + " holds versions that were "
                    + "withdrawn since: " + String.join(", ", withdrawn) + "; a withdrawn version cannot be released");
        }
        int added = 0;
        for (ReleaseCatalog.PinnedItem p : copied) {
            if (present.stream().noneMatch(x -> x.mediaItemId() == p.mediaItemId())) {
                rows.addItem(h, rid, p, actor, at);
                added++;
            }
        }
        rows.update(h, withBaseline(rows.row(h, rid).orElseThrow(), from));
        events.append(h, actor, "release.baseline-copied", subject(rid), Map.of("baseline", from,
                "baselineStatus", source.status().id(), "itemsAdded", added));
    }

    // Test evidence

    /**
     * Attaches a blob already in the physical store to a draft as test evidence.
     *
     * @param name the name to show, a file name such as {@code load-test.pdf}
     * @throws CofferException (not found) when the store has no such blob
     * @throws ReleaseRuleException when the draft already has other evidence of that name
     *     ({@code evidence-name})
     */
    public Release attachEvidence(String id, String name, Digest digest, String actor) {
        String rid = id(id);
        String evidenceName = Names.fileName(name);
        long size = store.size(digest).orElseThrow(() -> new CofferException(Failure.NOT_FOUND, "no blob " + digest
                + " in the physical store; upload the evidence file itself (coffer release evidence " + rid
                + " FILE)"));
        refuseEmptyEvidence(evidenceName, size);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.CHANGE.check(rid, r.status());
            attach(h, rid, new Evidence(evidenceName, digest.hex(), size, actor, at));
            return load(h, rid);
        });
    }

    /**
     * Stores a file in the physical store and attaches it to a draft as test evidence. The release's
     * state is checked before the body is read, so a refused upload reads nothing.
     *
     * @param expected the digest the sender states, or null
     * @param expectedLength the length the sender states, or -1
     * @throws io.coffer.store.BlobIntegrityException when the bytes do not match what was stated
     */
    public Release uploadEvidence(String id, String name, InputStream body, Digest expected, long expectedLength,
            String actor) throws IOException {
        String rid = id(id);
        String evidenceName = Names.fileName(name);
        db.read(h -> {
            ReleaseCatalog.Row r = rows.row(h, rid).orElseThrow(() -> noSuchRelease(rid));
            Step.CHANGE.check(rid, r.status());
            return null;
        });
        try (StagedBlob blob = store.stage(body, expected, expectedLength)) {
            refuseEmptyEvidence(evidenceName, blob.size());
            String at = now();
            Release release = db.write(h -> {
                ReleaseCatalog.Row r = lock(h, rid, at);
                Step.CHANGE.check(rid, r.status());
                try {
                    blob.commit();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not store evidence blob " + blob.digest() + " durably", e);
                }
                attach(h, rid, new Evidence(evidenceName, blob.digest().hex(), blob.size(), actor, at));
                return load(h, rid);
            });
            log.info("Release {}: evidence '{}' stored as {} ({} bytes) by {}", rid, evidenceName, blob.digest(),
                    blob.size(), actor);
            return release;
        }
    }

    private void attach(Handle h, String rid, Evidence e) {
        Optional<Evidence> same = rows.evidence(h, rid).stream().filter(x -> x.name().equals(e.name())).findFirst();
        if (same.isPresent()) {
            if (same.get().sha256().equals(e.sha256())) {
                return;
            }
            throw new ReleaseRuleException("evidence-name", rid + " already has evidence named '" + e.name()
                    + "' (sha256:" + same.get().sha256() + "); remove it first or give the new file another name");
        }
        rows.addEvidence(h, rid, e);
        events.append(h, e.addedBy(), "release.evidence-added", subject(rid), Map.of("name", e.name(),
                "sha256", e.sha256(), "size", e.size()));
    }

    /** Detaches test evidence from a draft; the blob stays in the physical store. */
    public Release removeEvidence(String id, String name, String actor) {
        String rid = id(id);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.CHANGE.check(rid, r.status());
            Evidence e = rows.evidence(h, rid).stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new NoSuchMediaException(rid + " has no evidence named '" + name + "'"));
            rows.removeEvidence(h, rid, e.name());
            events.append(h, actor, "release.evidence-removed", subject(rid), Map.of("name", e.name(),
                    "sha256", e.sha256()));
            return load(h, rid);
        });
    }

    // Life cycle

    /**
     * Submits a draft for approval.
     *
     * @throws ReleaseRuleException {@code lifecycle} unless a draft; {@code content-not-empty} without
     *     items; {@code test-evidence} when the policy requires evidence for the type and there is none;
     *     {@code withdrawn-version} when an item's version was withdrawn since it was added
     */
    public Release submit(String id, String actor) {
        String rid = id(id);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.SUBMIT.check(rid, r.status());
            List<ReleaseCatalog.PinnedItem> items = rows.items(h, rid);
            if (items.isEmpty()) {
                throw new ReleaseRuleException("content-not-empty", rid + " holds no media items; add some (coffer "
                        + "release add " + rid + " PRODUCT@VERSION) before submitting it");
            }
            PolicyVersion policy = policy(h);
            ReleasePolicy.Rules rules = policy.policy().rules(r.type());
            if (rules.testEvidence() && rows.evidence(h, rid).isEmpty()) {
                throw new ReleaseRuleException("test-evidence", r.type().id() + " releases need test evidence "
                        + "under policy version " + policy.version() + ", and " + rid + " has none; attach it (coffer "
                        + "release evidence " + rid + " FILE)");
            }
            refuseWithdrawn(h, items);
            // The policy in force at submission decides the approvals; a later change does not move the goal
            // posts of a release under review.
            rows.setColumn(h, rid, "policy_version", policy.version());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("policyVersion", policy.version());
            details.put("items", items.size());
            details.put("approvalsNeeded", rules.approvals());
            return transition(h, r, ReleaseStatus.SUBMITTED, "release.submitted", actor, at, null, details);
        });
    }

    /**
     * Records an approver's approval. When the approvals reach the number the policy asks for, the
     * release is approved and frozen into a signed manifest.
     *
     * @throws ReleaseRuleException {@code lifecycle} unless submitted; {@code no-self-approval} for the
     *     release's author or owner; {@code one-decision-per-approver} when the approver already decided;
     *     {@code withdrawn-version} when an item's version was withdrawn before the freeze
     */
    public Release approve(String id, String comment, String approver) {
        String rid = id(id);
        String note = Texts.multiline("comment", comment, Texts.MAX_LONG);
        String at = now();
        Release result = db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.APPROVE.check(rid, r.status());
            refuseSelfDecision(r, approver, "approve");
            List<Approval> decided = decide(h, r, approver, new Approval(approver, "approved", note, at));
            PolicyVersion policy = policyAtSubmission(h, r);
            int needed = policy.policy().rules(r.type()).approvals();
            List<Approval> approvals = decided.stream().filter(a -> a.decision().equals("approved")).toList();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("comment", note);
            details.put("approvals", approvals.size());
            details.put("approvalsNeeded", needed);
            details.put("policyVersion", policy.version());
            events.append(h, approver, "release.approval", subject(rid), details);
            if (approvals.size() < needed) {
                return load(h, rid);
            }
            return freeze(h, r, approvals, policy, approver, at);
        });
        if (result.status() == ReleaseStatus.APPROVED) {
            log.info("Release {} approved; manifest {} signed with key {}", rid, result.manifest().sha256(),
                    result.manifest().keyId());
        }
        return result;
    }

    /**
     * Records an approver's rejection, which ends the release. Its content can be carried into a new
     * release with {@link #copyBaseline}.
     *
     * @throws ReleaseRuleException as for {@link #approve}
     */
    public Release reject(String id, String comment, String approver) {
        String rid = id(id);
        String reason = Texts.requiredMultiline("reason for the rejection", comment, Texts.MAX_LONG);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.REJECT.check(rid, r.status());
            refuseSelfDecision(r, approver, "reject");
            decide(h, r, approver, new Approval(approver, "rejected", reason, at));
            return transition(h, r, ReleaseStatus.REJECTED, "release.rejected", approver, at, reason,
                    Map.of("reason", reason));
        });
    }

    /**
     * Schedules an approved release into its planned window, or into {@code window} when given (also to
     * move a scheduled release to another window). The window must start in the future, lie inside a
     * window the policy allows for the type and outside every change freeze; an emergency may skip
     * the last two and is then flagged for review.
     *
     * @param window the window to schedule into, or null for the planned one
     * @throws ReleaseRuleException {@code lifecycle}, {@code window-planned} (no window at all),
     *     {@code window-in-future}, {@code allowed-window} or {@code change-freeze}
     */
    public Release schedule(String id, PlannedWindow window, String actor) {
        String rid = id(id);
        Instant now = clock.instant();
        String at = at(now);
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.SCHEDULE.check(rid, r.status());
            refuseWithdrawn(h, rows.items(h, rid));
            PlannedWindow w = window != null ? window : r.window();
            if (w == null) {
                throw new ReleaseRuleException("window-planned", rid + " has no planned window; give one to schedule "
                        + "it into (start, end and time zone)");
            }
            if (!w.startInstant().isAfter(now)) {
                throw new ReleaseRuleException("window-in-future", "the window " + w + " starts at or before now ("
                        + at + "); a release is scheduled into a window that has not begun");
            }
            PolicyVersion policy = policy(h);
            ScheduleCheck check = policy.policy().check(r.type(), w.startInstant(), w.endInstant());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("window", w);
            details.put("policyVersion", policy.version());
            switch (check) {
                case ScheduleCheck.Refused refused -> throw new ReleaseRuleException(refused.rule(),
                        refused.detail() + " (policy version " + policy.version() + ")");
                case ScheduleCheck.Skipped skipped -> {
                    String reason = "emergency scheduled against the rule '" + skipped.rule() + "': "
                            + skipped.detail() + " (policy version " + policy.version() + ")";
                    rows.setColumn(h, rid, "review_reason", r.reviewReason() == null ? reason
                            : r.reviewReason() + "\n" + reason);
                    details.put("reviewRequired", true);
                    details.put("skipped", skipped.rule());
                    log.info("Release {} is an emergency scheduled against the rule '{}'; flagged for review", rid,
                            skipped.rule());
                }
                case ScheduleCheck.Fits fits -> details.put("reviewRequired", r.reviewReason() != null);
            }
            if (!w.equals(r.window())) {
                details.put("previousWindow", r.window());
                rows.update(h, withWindow(r, w));
            }
            return transition(h, r, ReleaseStatus.SCHEDULED, "release.scheduled", actor, at, w.toString(), details);
        });
    }

    /**
     * Records that a scheduled release was deployed.
     *
     * @throws ReleaseRuleException {@code lifecycle} unless scheduled; {@code window-open} before its
     *     window opens
     */
    public Release deploy(String id, String actor) {
        String rid = id(id);
        Instant now = clock.instant();
        String at = at(now);
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.DEPLOY.check(rid, r.status());
            refuseWithdrawn(h, rows.items(h, rid));
            if (now.isBefore(r.window().startInstant())) {
                throw new ReleaseRuleException("window-open", rid + " is scheduled for " + r.window() + ", which has "
                        + "not opened yet (now " + at + "); deploy it in its window or schedule it again");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("window", r.window());
            details.put("afterWindow", !now.isBefore(r.window().endInstant()));
            return transition(h, r, ReleaseStatus.DEPLOYED, "release.deployed", actor, at, null, details);
        });
    }

    /**
     * Closes a deployed release with its post-implementation review.
     *
     * @throws InvalidRequestException without a review
     */
    public Release close(String id, String review, String actor) {
        String rid = id(id);
        String text = Texts.requiredMultiline("post-implementation review", review, Texts.MAX_LONG);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            Step.CLOSE.check(rid, r.status());
            rows.setColumn(h, rid, "review", text);
            return transition(h, r, ReleaseStatus.CLOSED, "release.closed", actor, at, text, Map.of("review", text));
        });
    }

    /** Cancels a release that has not been deployed, with the reason. */
    public Release cancel(String id, String reason, String actor) {
        return end(id, Step.CANCEL, ReleaseStatus.CANCELLED, "release.cancelled", "cancellation", reason, actor);
    }

    /** Records that a deployed release was backed out, with the reason. */
    public Release rollBack(String id, String reason, String actor) {
        return end(id, Step.ROLL_BACK, ReleaseStatus.ROLLED_BACK, "release.rolled-back", "roll-back", reason,
                actor);
    }

    /** Ends a release early by {@code step}, which needs a reason. */
    private Release end(String id, Step step, ReleaseStatus to, String action, String what, String reason,
            String actor) {
        String rid = id(id);
        String text = Texts.requiredMultiline("reason for the " + what, reason, Texts.MAX_LONG);
        String at = now();
        return db.write(h -> {
            ReleaseCatalog.Row r = lock(h, rid, at);
            step.check(rid, r.status());
            return transition(h, r, to, action, actor, at, text, Map.of("reason", text));
        });
    }

    // Manifest and history

    /**
     * The signed manifest document of an approved release, exactly as stored ({@link ManifestDocument}).
     *
     * @throws NoSuchReleaseException when the release does not exist or was never approved
     */
    public String manifest(String id) {
        String rid = id(id);
        return db.read(h -> {
            ReleaseCatalog.Row r = rows.row(h, rid).orElseThrow(() -> noSuchRelease(rid));
            return rows.manifestDocument(h, rid).orElseThrow(() -> new NoSuchReleaseException(rid + " has no "
                    + "manifest: it is " + r.status().id() + ", and a manifest is made when a release is approved"));
        });
    }

    /** Every event about a release, oldest first: its whole story from the event log. */
    public List<Event> history(String id) {
        String rid = id(id);
        if (db.read(h -> rows.row(h, rid)).isEmpty()) {
            throw noSuchRelease(rid);
        }
        List<Event> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Event> page = events.list(db, after, 1000, Optional.of(subject(rid)));
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    // Policy: kept in its own class; these delegate so callers see one release programme.

    /** The policy in effect: the newest version set, or the built-in default (version 0). */
    public PolicyVersion policy() {
        return policies.current();
    }

    /**
     * One version of the policy; 0 is the built-in default.
     *
     * @throws NoSuchReleaseException when there is no such version
     */
    public PolicyVersion policy(int version) {
        return policies.version(version);
    }

    /** Every version of the policy, oldest (the built-in default) first. */
    public List<PolicyVersion> policies() {
        return policies.all();
    }

    /**
     * Sets a new version of the policy; see {@link ReleasePolicies#set}.
     *
     * @throws InvalidPolicyException when the text cannot be read or breaks the policy's rules
     * @throws ReleaseRuleException {@code policy-version} when another admin set a policy at the same time
     */
    public PolicyVersion setPolicy(String text, ReleasePolicy.Format format, String actor) {
        return policies.set(text, format, actor);
    }

    // Internals

    private PolicyVersion policy(Handle h) {
        return policies.current(h);
    }

    private PolicyVersion policyAtSubmission(Handle h, ReleaseCatalog.Row r) {
        return policies.atSubmission(h, r.policyVersion());
    }

    private Release freeze(Handle h, ReleaseCatalog.Row r, List<Approval> approvals, PolicyVersion policy,
            String actor, String at) {
        List<ReleaseCatalog.PinnedItem> pinned = rows.items(h, r.id());
        refuseWithdrawn(h, pinned);
        List<ReleaseItem> items = sorted(pinned);
        PlannedWindow w = r.window();
        Manifest manifest = new Manifest(Manifest.FORMAT, r.id(), r.title(), r.type().id(), r.owner(), r.author(),
                w == null ? null : w.start(), w == null ? null : w.end(), w == null ? null : w.zone(), items,
                approvals, at, policy.version());
        String document = ManifestDocument.of(key.sign(manifest)).toJson();
        String sha = sha256(document);
        rows.addManifest(h, r.id(), document, sha, key.keyId(), at);
        rows.setColumn(h, r.id(), "policy_version", policy.version());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("approvers", approvals.stream().map(Approval::approver).toList());
        details.put("manifestSha256", sha);
        details.put("keyId", key.keyId());
        details.put("items", items.size());
        details.put("policyVersion", policy.version());
        return transition(h, r, ReleaseStatus.APPROVED, "release.approved", actor, at, null, details);
    }

    private Release transition(Handle h, ReleaseCatalog.Row r, ReleaseStatus to, String action, String actor,
            String at, String note, Map<String, ?> details) {
        rows.setStatus(h, r.id(), to);
        rows.addTransition(h, r.id(), r.status(), to, actor, at, note);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("from", r.status().id());
        all.put("to", to.id());
        all.putAll(details);
        events.append(h, actor, action, subject(r.id()), all);
        return load(h, r.id());
    }

    private List<Approval> decide(Handle h, ReleaseCatalog.Row r, String approver, Approval decision) {
        List<Approval> decided = rows.approvals(h, r.id());
        for (Approval a : decided) {
            if (a.approver().equals(approver)) {
                throw new ReleaseRuleException("one-decision-per-approver", approver + " already " + a.decision()
                        + " " + r.id() + " at " + a.at() + "; each approver decides once");
            }
        }
        rows.addApproval(h, r.id(), decision);
        List<Approval> all = new ArrayList<>(decided);
        all.add(decision);
        return all;
    }

    /** An empty file shows nothing was tested; it is not evidence. */
    private static void refuseEmptyEvidence(String name, long size) {
        if (size == 0) {
            throw new InvalidRequestException("test evidence '" + name + "' is empty; attach the report itself");
        }
    }

    /**
     * User names are unique regardless of case, so the author and owner are compared the same way: an
     * owner typed as {@code OLGA} is still olga.
     */
    private static void refuseSelfDecision(ReleaseCatalog.Row r, String approver, String verb) {
        String role = approver.strip().equalsIgnoreCase(r.author().strip()) ? "author"
                : approver.strip().equalsIgnoreCase(r.owner().strip()) ? "owner" : null;
        if (role != null) {
            throw new ReleaseRuleException("no-self-approval", approver + " is the " + role + " of " + r.id()
                    + " and may not " + verb + " it; the author (" + r.author() + ") and the owner (" + r.owner()
                    + ") of a release never decide on it");
        }
    }

    private static void refuseWithdrawn(ProductVersion v) {
        if (v.status() == ProductVersion.Status.WITHDRAWN) {
            throw new ReleaseRuleException("withdrawn-version", v.product() + " " + v.version() + " was withdrawn by "
                    + v.statusBy() + " at " + v.statusAt() + " (" + v.statusReason() + "); a withdrawn version "
                    + "cannot be released");
        }
    }

    private void refuseWithdrawn(Handle h, List<ReleaseCatalog.PinnedItem> items) {
        for (ReleaseCatalog.PinnedItem p : items) {
            ProductVersion v = versionOf(h, p);
            if (v.status() == ProductVersion.Status.WITHDRAWN) {
                throw new ReleaseRuleException("withdrawn-version", v.product() + " " + v.version() + " was "
                        + "withdrawn by " + v.statusBy() + " at " + v.statusAt() + " (" + v.statusReason()
                        + ") after it was added; a withdrawn version is never released (in draft, remove it; "
                        + "later, cancel this release and assemble a new one without it)");
            }
        }
    }

    private ProductVersion versionOf(Handle h, ReleaseCatalog.PinnedItem p) {
        MediaItem m = catalog.media(h, p.mediaItemId()).orElseThrow(() -> new IllegalStateException(
                "release item " + p.item() + " refers to media item " + p.mediaItemId() + ", which is gone"));
        Product product = catalog.product(h, m.product()).orElseThrow();
        return catalog.version(h, product.id(), m.version()).orElseThrow();
    }

    private static void refuseOtherVersion(String rid, List<ReleaseCatalog.PinnedItem> present, String product,
            String version) {
        for (ReleaseCatalog.PinnedItem p : present) {
            if (p.item().product().equals(product) && !p.item().version().equals(version)) {
                throw new ReleaseRuleException("one-version-per-product", rid + " already holds " + product + " "
                        + p.item().version() + "; a release holds one version of each product, so remove it first "
                        + "(coffer release rm " + rid + " " + product + ") to take " + version);
            }
        }
    }

    private ReleaseCatalog.Row lock(Handle h, String rid, String at) {
        if (!rows.lock(h, rid, at)) {
            throw noSuchRelease(rid);
        }
        return rows.row(h, rid).orElseThrow();
    }

    private Release load(Handle h, String rid) {
        ReleaseCatalog.Row r = rows.row(h, rid).orElseThrow(() -> noSuchRelease(rid));
        return new Release(r.id(), r.title(), r.type(), r.status(), r.owner(), r.author(), r.window(), r.notes(),
                r.backoutPlan(), r.baseline(), sorted(rows.items(h, rid)), rows.evidence(h, rid),
                rows.approvals(h, rid), rows.transitions(h, rid), r.reviewReason() != null, r.reviewReason(),
                r.review(), r.policyVersion(), rows.manifestInfo(h, rid).orElse(null), r.createdAt(),
                r.updatedAt());
    }

    /** Sorted in Java, so that every database gives the same order whatever its collation. */
    private static List<ReleaseItem> sorted(List<ReleaseCatalog.PinnedItem> pinned) {
        return pinned.stream().map(ReleaseCatalog.PinnedItem::item)
                .sorted(Comparator.comparing(ReleaseItem::product).thenComparing(ReleaseItem::version)
                        .thenComparing(ReleaseItem::fileName))
                .toList();
    }

    private static Map<String, Object> changes(ReleaseCatalog.Row before, ReleaseCatalog.Row after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        change(changed, "title", before.title(), after.title());
        change(changed, "type", before.type().id(), after.type().id());
        change(changed, "owner", before.owner(), after.owner());
        change(changed, "window", before.window(), after.window());
        change(changed, "notes", before.notes(), after.notes());
        change(changed, "backoutPlan", before.backoutPlan(), after.backoutPlan());
        return changed;
    }

    private static void change(Map<String, Object> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("before", before);
            pair.put("after", after);
            changed.put(field, pair);
        }
    }

    private static ReleaseCatalog.Row withBaseline(ReleaseCatalog.Row r, String baseline) {
        return new ReleaseCatalog.Row(r.id(), r.title(), r.type(), r.status(), r.owner(), r.author(), r.window(),
                r.notes(), r.backoutPlan(), baseline, r.reviewReason(), r.review(), r.policyVersion(), r.createdAt(),
                r.updatedAt());
    }

    private static ReleaseCatalog.Row withWindow(ReleaseCatalog.Row r, PlannedWindow window) {
        return new ReleaseCatalog.Row(r.id(), r.title(), r.type(), r.status(), r.owner(), r.author(), window,
                r.notes(), r.backoutPlan(), r.baseline(), r.reviewReason(), r.review(), r.policyVersion(),
                r.createdAt(), r.updatedAt());
    }

    private static Map<String, Object> itemDetails(ReleaseItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileName", i.fileName());
        m.put("sha256", i.sha256());
        m.put("size", i.size());
        m.put("version", i.version());
        return m;
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }

    /**
     * The canonical form of a release identifier.
     *
     * @throws InvalidRequestException when it is not of the form {@code REL-YYYY-NNNN}
     */
    public static String id(String raw) {
        Matcher m = ID.matcher(raw == null ? "" : raw.strip());
        if (!m.matches()) {
            throw new InvalidRequestException("release id '" + raw + "' is not of the form REL-YYYY-NNNN, e.g. "
                    + "REL-2027-0003");
        }
        return m.group(0).toUpperCase(Locale.ROOT);
    }

    /** The event-log subject of a release: {@code release/REL-...}. */
    public static String subject(String id) {
        return "release/" + id;
    }

    private static ReleaseType type(String raw) {
        for (ReleaseType t : ReleaseType.values()) {
            if (t.id().equalsIgnoreCase(raw.strip())) {
                return t;
            }
        }
        throw new InvalidRequestException("release type '" + raw + "' is not known; expected major, minor or "
                + "emergency");
    }

    private static NoSuchReleaseException noSuchRelease(String id) {
        return new NoSuchReleaseException("no release " + id);
    }

    private String now() {
        return at(clock.instant());
    }

    private static String at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
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
