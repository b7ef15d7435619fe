package io.coffer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import io.coffer.catalog.Database;
import io.coffer.catalog.ProductVersion;
import io.coffer.events.ChainCheck;
import io.coffer.events.Event;
import io.coffer.events.EventLog;
import io.coffer.inspect.Inspector;
import io.coffer.library.Library;
import io.coffer.library.NoSuchVersionException;
import io.coffer.library.PushRequest;
import io.coffer.store.Digest;
import io.coffer.store.LocalBlobStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release programme's rules, run against each catalog database. */
abstract class ReleasesContract {

    static final String RM = "rita";
    static final String OWNER = "olga";

    @TempDir
    Path dir;

    TestClock clock = TestClock.at("2027-03-01T10:00:00Z");
    Database db;
    Library library;
    SigningKey key;
    Releases releases;

    abstract Database openDatabase(Path dir);

    @BeforeEach
    void open() throws Exception {
        db = openDatabase(dir);
        LocalBlobStore store = LocalBlobStore.open(dir.resolve("store"));
        library = new Library(db, store, new EventLog(clock), new Inspector(), clock);
        key = SigningKey.openOrCreate(dir.resolve("keys"));
        releases = new Releases(library, key, clock);
        push("nginx", "1.24.0-1", "nginx_1.24.0-1_amd64.deb", "nginx bytes", "BSD-2-Clause");
        push("nginx", "1.24.0-1", "nginx-doc_1.24.0-1_all.deb", "nginx docs", "BSD-2-Clause");
        push("nginx", "1.26.0-1", "nginx_1.26.0-1_amd64.deb", "newer nginx", "BSD-2-Clause");
        push("openssl", "3.0.13", "openssl-3.0.13.tar.gz", "openssl bytes", "Apache-2.0");
    }

    @AfterEach
    void close() {
        db.close();
    }

    void push(String product, String version, String file, String content, String license) throws Exception {
        library.push(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), new PushRequest(file,
                product, version, "Example Supplier", license, null, null, "opaque", null, null, -1), "lib");
    }

    Digest blob(String content) throws Exception {
        try (var staged = library.store().stage(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                null, -1)) {
            staged.commit();
            return staged.digest();
        }
    }

    Release draft(String type) {
        return releases.create(new Releases.Fields("Web tier refresh", type, OWNER,
                PlannedWindow.parse("2027-03-06T02:00", "2027-03-06T04:00", "Europe/London"), "notes", "undo"),
                null, RM);
    }

    /** A minor release with content, submitted. */
    Release submitted() {
        Release r = draft("minor");
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);
        return releases.submit(r.id(), RM);
    }

    Release approved() {
        return releases.approve(submitted().id(), "looks fine", "carl");
    }

    Release scheduled() {
        return releases.schedule(approved().id(), null, RM);
    }

    Release deployed() {
        Release r = scheduled();
        clock.set("2027-03-06T02:30:00Z");
        return releases.deploy(r.id(), RM);
    }

    List<Event> events() {
        return library.events().list(db, 0, 10_000, Optional.empty());
    }

    /** Runs a step that must be refused by {@code rule}, and checks that it changed nothing. */
    void assertRefused(String id, String rule, String message, Runnable step) {
        Release before = releases.release(id);
        int eventsBefore = events().size();

        assertThatThrownBy(step::run).isInstanceOfSatisfying(ReleaseRuleException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.getMessage()).startsWith("refused by rule '" + rule + "': ").contains(message);
        });

        assertThat(releases.release(id)).isEqualTo(before);
        assertThat(events()).hasSize(eventsBefore);
    }

    // Creating and identifiers

    @Test
    void aNewReleaseIsADraftNumberedInItsYearWithAnEvent() {
        Release r = draft("major");

        assertThat(r.id()).isEqualTo("REL-2027-0001");
        assertThat(r.status()).isEqualTo(ReleaseStatus.DRAFT);
        assertThat(r.type()).isEqualTo(ReleaseType.MAJOR);
        assertThat(r.author()).isEqualTo(RM);
        assertThat(r.owner()).isEqualTo(OWNER);
        assertThat(r.window()).isEqualTo(new PlannedWindow("2027-03-06T02:00Z", "2027-03-06T04:00Z",
                "Europe/London"));
        assertThat(r.history()).containsExactly(new Transition(null, ReleaseStatus.DRAFT, RM,
                "2027-03-01T10:00:00Z", null));
        assertThat(events().getLast().action()).isEqualTo("release.created");
        assertThat(events().getLast().subject()).isEqualTo("release/REL-2027-0001");
        assertThat(draft("minor").id()).isEqualTo("REL-2027-0002");
    }

    @Test
    void identifiersCountFromOneInEachYearOfUtc() {
        clock.set("2027-12-31T23:59:59Z");
        String last2027 = draft("minor").id();
        // 19:00 in New York on New Year's Eve is already 2028 in UTC.
        clock.set("2028-01-01T00:00:00Z");
        String first2028 = draft("minor").id();
        String second2028 = draft("minor").id();
        clock.set("2027-12-31T12:00:00Z");
        String late2027 = draft("minor").id();

        assertThat(last2027).isEqualTo("REL-2027-0001");
        assertThat(first2028).isEqualTo("REL-2028-0001");
        assertThat(second2028).isEqualTo("REL-2028-0002");
        assertThat(late2027).isEqualTo("REL-2027-0002");
    }

    @Test
    void identifiersStayUniqueWhenManyAreCreatedAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Callable<String> create = () -> draft("minor").id();
                ids.add(pool.submit(create));
            }
            List<String> got = new ArrayList<>();
            for (Future<String> f : ids) {
                got.add(f.get());
            }

            assertThat(got).doesNotHaveDuplicates().hasSize(24);
            assertThat(got).contains("REL-2027-0001", "REL-2027-0024");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badDetailsAreRefusedAndCreateNothing() {
        assertThatThrownBy(() -> releases.create(new Releases.Fields(null, "minor", null, null, null, null), null, RM))
                .hasMessageContaining("title is required");
        assertThatThrownBy(() -> releases.create(new Releases.Fields("t", "huge", null, null, null, null), null, RM))
                .hasMessageContaining("release type 'huge'");
        assertThatThrownBy(() -> releases.create(new Releases.Fields("t", "minor", null, null, "a\u001b[2Jb", null),
                null, RM)).hasMessageContaining("U+001B");
        assertThatThrownBy(() -> releases.release("REL-27-1")).hasMessageContaining("REL-YYYY-NNNN");
        assertThatThrownBy(() -> releases.release("REL-2027-0042")).isInstanceOf(NoSuchReleaseException.class);

        assertThat(releases.list(null, null, 100, 0)).isEmpty();
    }

    // Content

    @Test
    void addingAProductVersionPinsEveryFileWithDigestLicenceAndSupplier() {
        Release r = draft("minor");

        Release after = releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);

        assertThat(after.items()).extracting(ReleaseItem::fileName)
                .containsExactly("nginx-doc_1.24.0-1_all.deb", "nginx_1.24.0-1_amd64.deb");
        ReleaseItem deb = after.items().get(1);
        assertThat(deb.sha256()).isEqualTo(library.media("nginx", "1.24.0-1", "nginx_1.24.0-1_amd64.deb").sha256());
        assertThat(deb.size()).isEqualTo(11);
        assertThat(deb.license()).isEqualTo("BSD-2-Clause");
        assertThat(deb.supplier()).isEqualTo("Example Supplier");
        assertThat(events().getLast().action()).isEqualTo("release.items-added");
        assertThat(events().getLast().details().path("items")).hasSize(2);
    }

    @Test
    void oneFileOfAVersionCanBeAddedAndLatestNamesTheHighestVersion() {
        Release r = draft("minor");

        releases.addItems(r.id(), "nginx", "1.24.0-1", "nginx_1.24.0-1_amd64.deb", RM);
        Release after = releases.addItems(r.id(), "openssl", "latest", null, RM);

        assertThat(after.items()).extracting(i -> i.product() + " " + i.version() + " " + i.fileName())
                .containsExactly("nginx 1.24.0-1 nginx_1.24.0-1_amd64.deb", "openssl 3.0.13 openssl-3.0.13.tar.gz");
    }

    @Test
    void addingTheSameItemsAgainChangesNothing() {
        Release r = draft("minor");
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);
        int before = events().size();

        Release again = releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);

        assertThat(again.items()).hasSize(2);
        assertThat(events()).hasSize(before);
    }

    @Test
    void aWithdrawnVersionIsRefusedSayingWhy() {
        Release r = draft("minor");
        library.setStatus("nginx", "1.24.0-1", ProductVersion.Status.WITHDRAWN, "CVE-2027-0001", "lib");

        assertRefused(r.id(), "withdrawn-version", "nginx 1.24.0-1 was withdrawn by lib",
                () -> releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM));
        assertThatThrownBy(() -> releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM))
                .hasMessageContaining("CVE-2027-0001");
    }

    @Test
    void aReleaseHoldsOneVersionOfEachProduct() {
        Release r = draft("minor");
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);

        assertRefused(r.id(), "one-version-per-product", "already holds nginx 1.24.0-1",
                () -> releases.addItems(r.id(), "nginx", "1.26.0-1", null, RM));
    }

    @Test
    void unknownProductsVersionsAndFilesAreNotFound() {
        Release r = draft("minor");

        assertThatThrownBy(() -> releases.addItems(r.id(), "nginx", "9.9", null, RM))
                .isInstanceOf(NoSuchVersionException.class);
        assertThatThrownBy(() -> releases.addItems(r.id(), "apache", "1", null, RM))
                .hasMessageContaining("no product 'apache'");
        assertThatThrownBy(() -> releases.addItems(r.id(), "nginx", "1.24.0-1", "nope.deb", RM))
                .hasMessageContaining("no file 'nope.deb'");
        assertThat(releases.release(r.id()).items()).isEmpty();
    }

    @Test
    void itemsCanBeRemovedByProductOrFile() {
        Release r = draft("minor");
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);
        releases.addItems(r.id(), "openssl", "3.0.13", null, RM);

        releases.removeItems(r.id(), "nginx", "nginx-doc_1.24.0-1_all.deb", RM);
        Release after = releases.removeItems(r.id(), "openssl", null, RM);

        assertThat(after.items()).extracting(ReleaseItem::fileName).containsExactly("nginx_1.24.0-1_amd64.deb");
        assertThat(events().getLast().action()).isEqualTo("release.items-removed");
        assertThatThrownBy(() -> releases.removeItems(r.id(), "openssl", null, RM))
                .hasMessageContaining("holds no item of product 'openssl'");
    }

    @Test
    void aBaselineCopiesAnotherReleasesContent() {
        Release base = draft("minor");
        releases.addItems(base.id(), "nginx", "1.24.0-1", null, RM);
        releases.addItems(base.id(), "openssl", "3.0.13", null, RM);

        Release next = releases.create(new Releases.Fields("Next", "minor", null, null, null, null), base.id(), RM);
        Release other = draft("minor");
        Release copied = releases.copyBaseline(other.id(), base.id(), RM);

        assertThat(next.baseline()).isEqualTo(base.id());
        assertThat(next.items()).isEqualTo(releases.release(base.id()).items());
        assertThat(copied.items()).isEqualTo(next.items());
        assertThat(events().getLast().action()).isEqualTo("release.baseline-copied");
    }

    @Test
    void aBaselineWithAVersionWithdrawnSinceIsRefused() {
        Release base = draft("minor");
        releases.addItems(base.id(), "nginx", "1.24.0-1", null, RM);
        library.setStatus("nginx", "1.24.0-1", ProductVersion.Status.WITHDRAWN, "CVE-2027-0002", "lib");
        Release next = draft("minor");

        assertRefused(next.id(), "withdrawn-version", "CVE-2027-0002",
                () -> releases.copyBaseline(next.id(), base.id(), RM));
        assertThatThrownBy(() -> releases.copyBaseline(next.id(), next.id(), RM)).hasMessageContaining("own baseline");
    }

    @Test
    void detailsOfADraftCanChangeWithTheChangeInTheEvent() {
        Release r = draft("minor");

        Release after = releases.update(r.id(), new Releases.Fields("New title", "major", null, null, null,
                "restore the previous package"), RM);

        assertThat(after.title()).isEqualTo("New title");
        assertThat(after.type()).isEqualTo(ReleaseType.MAJOR);
        assertThat(after.owner()).isEqualTo(OWNER);
        assertThat(after.backoutPlan()).isEqualTo("restore the previous package");
        JsonNode details = events().getLast().details();
        assertThat(details.path("title").path("before").asText()).isEqualTo("Web tier refresh");
        assertThat(details.path("title").path("after").asText()).isEqualTo("New title");
        assertThat(details.has("owner")).isFalse();
    }

    @Test
    void contentAndDetailsChangeOnlyInDraft() throws Exception {
        String id = submitted().id();
        Digest evidence = blob("report");

        assertRefused(id, "draft-only", "is submitted", () -> releases.addItems(id, "openssl", "3.0.13", null, RM));
        assertRefused(id, "draft-only", "is submitted", () -> releases.removeItems(id, "nginx", null, RM));
        assertRefused(id, "draft-only", "is submitted",
                () -> releases.update(id, new Releases.Fields("x", null, null, null, null, null), RM));
        assertRefused(id, "draft-only", "is submitted", () -> releases.attachEvidence(id, "r.txt", evidence, RM));
        String other = draft("minor").id();
        assertRefused(id, "draft-only", "is submitted", () -> releases.copyBaseline(id, other, RM));
    }

    // Found by attacking the release programme

    @Test
    void theOwnerTypedInAnotherCaseStillCannotApprove() {
        Release r = releases.create(new Releases.Fields("Case", "minor", "OLGA", null, null, null), null, RM);
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);
        releases.submit(r.id(), RM);

        assertRefused(r.id(), "no-self-approval", "owner", () -> releases.approve(r.id(), null, "olga"));
    }

    @Test
    void aVersionWithdrawnAfterApprovalIsNeitherScheduledNorDeployed() {
        Release approved = approved();
        Release scheduled = scheduled();
        library.setStatus("nginx", "1.24.0-1", io.coffer.catalog.ProductVersion.Status.WITHDRAWN, "CVE", "lib");
        clock.set("2027-03-06T02:30:00Z");

        assertRefused(approved.id(), "withdrawn-version", "withdrawn", () -> releases.schedule(approved.id(), null,
                RM));
        assertRefused(scheduled.id(), "withdrawn-version", "withdrawn", () -> releases.deploy(scheduled.id(), RM));
    }

    @Test
    void thePolicyInForceAtSubmissionDecidesHowManyApprovalsAreNeeded() {
        Release r = submitted();
        releases.setPolicy("""
                types:
                  major: {approvals: 3}
                  minor: {approvals: 3}
                  emergency: {approvals: 3}
                """, ReleasePolicy.Format.YAML, "admin");

        Release after = releases.approve(r.id(), null, "carl");

        assertThat(after.status()).isEqualTo(ReleaseStatus.APPROVED);
    }

    @Test
    void aFreezeWithoutATimeZoneIsABadPolicyNotACrash() {
        assertThatThrownBy(() -> releases.setPolicy("""
                types:
                  major: {approvals: 1}
                  minor: {approvals: 1}
                  emergency: {approvals: 1}
                freezes:
                  - {name: x, from: 2027-01-05, to: 2027-01-06}
                """, ReleasePolicy.Format.YAML, "admin"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("no time zone");
    }

    @Test
    void anEmptyFileIsNotTestEvidence() throws Exception {
        Release r = draft("major");

        assertThatThrownBy(() -> releases.uploadEvidence(r.id(), "empty.txt", new ByteArrayInputStream(new byte[0]),
                null, 0, RM)).hasMessageContaining("empty");
        assertThat(releases.release(r.id()).evidence()).isEmpty();
    }

    // Evidence

    @Test
    void verificationCountsEvidenceAsReferencedAndReportsItWhenItsBlobIsGone() throws Exception {
        Release r = draft("major");
        Release after = releases.uploadEvidence(r.id(), "smoke.txt", new ByteArrayInputStream(
                "smoke ok".getBytes(StandardCharsets.UTF_8)), null, 8, RM);
        Digest evidence = new Digest(after.evidence().get(0).sha256());

        io.coffer.library.Verification.Report sound = io.coffer.library.Verification.run(library, 2, n -> {});
        java.nio.file.Files.delete(((io.coffer.store.LocalBlobStore) library.store()).pathOf(evidence));
        io.coffer.library.Verification.Report damaged = io.coffer.library.Verification.run(library, 2, n -> {});

        assertThat(sound.unreferenced()).doesNotContain(evidence.hex());
        assertThat(sound.ok()).isTrue();
        assertThat(damaged.missing()).extracting(m -> m.sha256()).containsExactly(evidence.hex());
    }

    @Test
    void evidenceIsABlobInTheLibraryAttachedByNameOrUploaded() throws Exception {
        Release r = draft("major");
        Digest report = blob("load test: 1000 rps, p99 80 ms");

        releases.attachEvidence(r.id(), "load-test.txt", report, RM);
        Release after = releases.uploadEvidence(r.id(), "smoke.txt", new ByteArrayInputStream(
                "smoke ok".getBytes(StandardCharsets.UTF_8)), null, 8, RM);

        assertThat(after.evidence()).extracting(Evidence::name).containsExactly("load-test.txt", "smoke.txt");
        assertThat(after.evidence().get(0).sha256()).isEqualTo(report.hex());
        assertThat(library.store().contains(new Digest(after.evidence().get(1).sha256()))).isTrue();
        assertThatThrownBy(() -> releases.attachEvidence(r.id(), "x.txt", Digest.ofHex("0".repeat(64)), RM))
                .hasMessageContaining("no blob");
        assertRefused(r.id(), "evidence-name", "already has evidence named 'smoke.txt'",
                () -> releases.attachEvidence(r.id(), "smoke.txt", report, RM));

        Release removed = releases.removeEvidence(r.id(), "smoke.txt", RM);

        assertThat(removed.evidence()).extracting(Evidence::name).containsExactly("load-test.txt");
        assertThat(events().getLast().action()).isEqualTo("release.evidence-removed");
    }

    @Test
    void anUploadToAReleaseThatIsNotADraftReadsNothing() {
        String id = submitted().id();
        byte[] body = "late evidence".getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(body);

        assertThatThrownBy(() -> releases.uploadEvidence(id, "late.txt", in, null, -1, RM))
                .isInstanceOf(ReleaseRuleException.class);

        assertThat(in.available()).isEqualTo(body.length);
    }

    // Submission

    @Test
    void anEmptyReleaseCannotBeSubmitted() {
        Release r = draft("minor");

        assertRefused(r.id(), "content-not-empty", "holds no media items", () -> releases.submit(r.id(), RM));
    }

    @Test
    void testEvidenceIsNeededWhenThePolicyAsksForIt() throws Exception {
        Release r = draft("major");
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);

        assertRefused(r.id(), "test-evidence", "major releases need test evidence under policy version 0",
                () -> releases.submit(r.id(), RM));
        releases.attachEvidence(r.id(), "report.txt", blob("tests passed"), RM);
        Release submitted = releases.submit(r.id(), RM);

        assertThat(submitted.status()).isEqualTo(ReleaseStatus.SUBMITTED);
        assertThat(events().getLast().details().path("policyVersion").asInt()).isZero();
    }

    @Test
    void aVersionWithdrawnAfterItWasAddedStopsTheSubmission() {
        Release r = draft("minor");
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);
        library.setStatus("nginx", "1.24.0-1", ProductVersion.Status.WITHDRAWN, "CVE-2027-0003", "lib");

        assertRefused(r.id(), "withdrawn-version", "after it was added", () -> releases.submit(r.id(), RM));
    }

    // Approval

    @Test
    void theAuthorAndTheOwnerCanNeverApproveOrReject() {
        String id = submitted().id();

        assertRefused(id, "no-self-approval", "rita is the author", () -> releases.approve(id, null, RM));
        assertRefused(id, "no-self-approval", "olga is the owner", () -> releases.approve(id, null, OWNER));
        assertRefused(id, "no-self-approval", "may not reject", () -> releases.reject(id, "no", RM));
    }

    @Test
    void eachApproverDecidesOnce() {
        releases.setPolicy(ReleasePolicyTest.YAML.replace("minor:\n    approvals: 1", "minor:\n    approvals: 3"),
                ReleasePolicy.Format.YAML, "admin");
        Release r = submitted();
        releases.approve(r.id(), null, "carl");

        assertRefused(r.id(), "one-decision-per-approver", "carl already approved",
                () -> releases.approve(r.id(), null, "carl"));
        assertRefused(r.id(), "one-decision-per-approver", "carl already approved",
                () -> releases.reject(r.id(), "changed my mind", "carl"));
    }

    @Test
    void aReleaseIsApprovedWhenThePolicysNumberOfApprovalsIsReached() throws Exception {
        Release r = draft("major");
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);
        releases.attachEvidence(r.id(), "report.txt", blob("tests passed"), RM);
        releases.submit(r.id(), RM);

        Release once = releases.approve(r.id(), "ok", "carl");
        clock.advance(Duration.ofMinutes(5));
        Release twice = releases.approve(r.id(), "fine", "dora");

        assertThat(once.status()).isEqualTo(ReleaseStatus.SUBMITTED);
        assertThat(once.manifest()).isNull();
        assertThat(twice.status()).isEqualTo(ReleaseStatus.APPROVED);
        assertThat(twice.policyVersion()).isZero();
        assertThat(twice.approvals()).extracting(Approval::approver).containsExactly("carl", "dora");
        assertThat(twice.manifest().keyId()).isEqualTo(key.keyId());
        assertThat(events()).extracting(Event::action).endsWith("release.approval", "release.approval",
                "release.approved");
    }

    @Test
    void theManifestIsSignedAndVerifiesWithThePublicKeyAlone() throws Exception {
        Release r = approved();
        String text = releases.manifest(r.id());

        JsonNode doc = Json.MAPPER.readTree(text);
        JsonNode manifest = doc.path("manifest");
        PublicKey publicKey = SigningKey.readPublicKey(releases.publicKeyPem());
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(SigningKey.canonicalBytes(manifest));
        boolean valid = verifier.verify(Base64.getDecoder().decode(doc.path("signature").path("value").asText()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.path("items").get(0)).put("size", 12);
        verifier.initVerify(publicKey);
        verifier.update(SigningKey.canonicalBytes(manifest));
        boolean tampered = verifier.verify(Base64.getDecoder().decode(doc.path("signature").path("value").asText()));

        assertThat(valid).isTrue();
        assertThat(tampered).isFalse();
        assertThat(doc.path("signature").path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(doc.path("signature").path("keyId").asText()).isEqualTo(SigningKey.keyId(publicKey));
        assertThat(Releases.sha256(text)).isEqualTo(r.manifest().sha256());
    }

    @Test
    void theManifestListsEveryItemTheMetadataAndTheApprovals() {
        Release r = approved();

        Manifest m = ManifestDocument.parse(releases.manifest(r.id())).manifest();

        assertThat(m).isEqualTo(new Manifest(1, r.id(), "Web tier refresh", "minor", OWNER, RM, "2027-03-06T02:00Z",
                "2027-03-06T04:00Z", "Europe/London", r.items(), r.approvals(), "2027-03-01T10:00:00Z", 0));
        assertThat(m.items()).hasSize(2);
        assertThat(m.approvals()).containsExactly(new Approval("carl", "approved", "looks fine",
                "2027-03-01T10:00:00Z"));
    }

    @Test
    void aReleaseWithoutManifestSaysWhy() {
        Release r = submitted();

        assertThatThrownBy(() -> releases.manifest(r.id())).isInstanceOf(NoSuchReleaseException.class)
                .hasMessageContaining("it is submitted");
    }

    @Test
    void aRejectionEndsTheReleaseWithTheReason() {
        String id = submitted().id();

        Release r = releases.reject(id, "no back-out test", "carl");

        assertThat(r.status()).isEqualTo(ReleaseStatus.REJECTED);
        assertThat(r.approvals()).containsExactly(new Approval("carl", "rejected", "no back-out test",
                "2027-03-01T10:00:00Z"));
        assertRefused(id, "lifecycle", "is rejected", () -> releases.approve(id, null, "dora"));
        assertThatThrownBy(() -> releases.reject(id, " ", "dora")).hasMessageContaining("required");
    }

    // Scheduling

    @Test
    void schedulingUsesThePlannedWindowOrTheOneGiven() {
        String id = approved().id();

        Release first = releases.schedule(id, null, RM);
        PlannedWindow later = PlannedWindow.parse("2027-03-13T02:00", "2027-03-13T03:00", "Europe/London");
        Release moved = releases.schedule(id, later, RM);

        assertThat(first.status()).isEqualTo(ReleaseStatus.SCHEDULED);
        assertThat(moved.window()).isEqualTo(later);
        assertThat(moved.reviewRequired()).isFalse();
        assertThat(events().getLast().details().path("previousWindow").path("start").asText())
                .isEqualTo("2027-03-06T02:00Z");
    }

    @Test
    void aWindowMustStartInTheFuture() {
        String id = approved().id();
        clock.set("2027-03-06T02:00:00Z");

        assertRefused(id, "window-in-future", "starts at or before now", () -> releases.schedule(id, null, RM));
    }

    @Test
    void aReleaseWithoutAWindowCannotBeScheduled() {
        Release r = releases.create(new Releases.Fields("No window", "minor", OWNER, null, null, null), null, RM);
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);
        releases.submit(r.id(), RM);
        releases.approve(r.id(), null, "carl");

        assertRefused(r.id(), "window-planned", "has no planned window", () -> releases.schedule(r.id(), null, RM));
    }

    @Test
    void aWindowOutsideThePolicysWindowsIsRefused() {
        releases.setPolicy(ReleasePolicyTest.YAML, ReleasePolicy.Format.YAML, "admin");
        String id = approved().id();
        PlannedWindow wednesday = PlannedWindow.parse("2027-03-03T14:00", "2027-03-03T15:00", "Europe/London");

        assertRefused(id, "allowed-window", "not inside one of the windows allowed for minor releases",
                () -> releases.schedule(id, wednesday, RM));
        assertThat(releases.schedule(id, null, RM).status()).isEqualTo(ReleaseStatus.SCHEDULED);
    }

    @Test
    void aChangeFreezeBlocksEverythingButEmergenciesWhichAreFlaggedForReview() {
        releases.setPolicy(ReleasePolicyTest.YAML, ReleasePolicy.Format.YAML, "admin");
        PlannedWindow christmas = PlannedWindow.parse("2027-12-25T02:00", "2027-12-25T03:00", "Europe/London");
        String minor = approved().id();
        Release e = releases.create(new Releases.Fields("Hotfix", "emergency", OWNER, christmas, null, null), null,
                RM);
        releases.addItems(e.id(), "openssl", "3.0.13", null, RM);
        releases.submit(e.id(), RM);
        releases.approve(e.id(), null, "carl");

        assertRefused(minor, "change-freeze", "'year end'", () -> releases.schedule(minor, christmas, RM));
        Release emergency = releases.schedule(e.id(), null, RM);

        assertThat(emergency.status()).isEqualTo(ReleaseStatus.SCHEDULED);
        assertThat(emergency.reviewRequired()).isTrue();
        assertThat(emergency.reviewReason()).contains("change-freeze").contains("year end");
        assertThat(events().getLast().details().path("reviewRequired").asBoolean()).isTrue();
        assertThat(releases.list(null, true, 100, 0)).extracting(ReleaseSummary::id).containsExactly(e.id());
    }

    @Test
    void anEmergencyOutsideItsWindowsIsScheduledAndFlagged() {
        releases.setPolicy(ReleasePolicyTest.YAML, ReleasePolicy.Format.YAML, "admin");
        PlannedWindow now = PlannedWindow.parse("2027-03-01T11:00", "2027-03-01T12:00", "Europe/London");
        Release e = releases.create(new Releases.Fields("Hotfix", "emergency", OWNER, now, null, null), null, RM);
        releases.addItems(e.id(), "openssl", "3.0.13", null, RM);
        releases.submit(e.id(), RM);
        releases.approve(e.id(), null, "carl");

        Release r = releases.schedule(e.id(), null, RM);

        assertThat(r.reviewRequired()).isTrue();
        assertThat(r.reviewReason()).contains("allowed-window");
    }

    @Test
    void onTheNightTheClocksGoBackAScheduleInTheLocalWindowIsAcceptedAndOneJustOutsideRefused() {
        releases.setPolicy(ReleasePolicyTest.YAML, ReleasePolicy.Format.YAML, "admin");
        clock.set("2027-10-01T10:00:00Z");
        String id = approved().id();
        PlannedWindow secondHalf = PlannedWindow.parse("2027-10-31T01:30+00:00", "2027-10-31T03:30",
                "Europe/London");
        PlannedWindow tooLong = PlannedWindow.parse("2027-10-31T01:30+00:00", "2027-10-31T03:31",
                "Europe/London");

        assertRefused(id, "allowed-window", "Sunday 00:30-03:30 Europe/London",
                () -> releases.schedule(id, tooLong, RM));
        assertThat(releases.schedule(id, secondHalf, RM).window()).isEqualTo(secondHalf);
    }

    @Test
    void onTheNightTheClocksGoForwardAScheduleInTheLocalWindowIsAcceptedAndOneJustOutsideRefused() {
        releases.setPolicy(ReleasePolicyTest.YAML, ReleasePolicy.Format.YAML, "admin");
        String id = approved().id();
        PlannedWindow inside = PlannedWindow.parse("2027-03-28T02:00", "2027-03-28T03:30", "Europe/London");
        PlannedWindow outside = PlannedWindow.parse("2027-03-28T02:00", "2027-03-28T03:31", "Europe/London");

        assertRefused(id, "allowed-window", "2027-03-28T02:31:00Z", () -> releases.schedule(id, outside, RM));
        assertThat(releases.schedule(id, inside, RM).status()).isEqualTo(ReleaseStatus.SCHEDULED);
    }

    // Deployment and after

    @Test
    void aReleaseIsDeployedOnlyOnceItsWindowHasOpened() {
        String id = scheduled().id();

        assertRefused(id, "window-open", "has not opened yet", () -> releases.deploy(id, RM));
        clock.set("2027-03-06T02:00:00Z");
        assertThat(releases.deploy(id, RM).status()).isEqualTo(ReleaseStatus.DEPLOYED);
    }

    @Test
    void closingNeedsThePostImplementationReview() {
        String id = deployed().id();

        assertThatThrownBy(() -> releases.close(id, "", RM)).hasMessageContaining("post-implementation review is "
                + "required");
        Release closed = releases.close(id, "went well;\nno incidents", RM);

        assertThat(closed.status()).isEqualTo(ReleaseStatus.CLOSED);
        assertThat(closed.review()).isEqualTo("went well;\nno incidents");
    }

    @Test
    void aDeployedReleaseCanBeRolledBackWithTheReason() {
        String id = deployed().id();

        Release r = releases.rollBack(id, "error rate up", RM);

        assertThat(r.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
        assertThat(r.history().getLast().note()).isEqualTo("error rate up");
        assertRefused(id, "lifecycle", "is rolled-back", () -> releases.close(id, "review", RM));
    }

    @Test
    void aReleaseCanBeCancelledUntilItIsDeployed() {
        List<String> ids = List.of(draft("minor").id(), submitted().id(), approved().id(), scheduled().id());

        for (String id : ids) {
            assertThat(releases.cancel(id, "superseded", RM).status()).isEqualTo(ReleaseStatus.CANCELLED);
        }
        String deployed = deployed().id();
        assertRefused(deployed, "lifecycle", "can cancel only from draft or submitted or approved or scheduled",
                () -> releases.cancel(deployed, "too late", RM));
    }

    @Test
    void everyIllegalStepIsRefusedNamingTheStateAndChangesNothing() {
        String draft = draft("minor").id();
        releases.addItems(draft, "nginx", "1.24.0-1", null, RM);
        String submitted = submitted().id();
        String approved = approved().id();
        String scheduled = scheduled().id();

        assertRefused(draft, "lifecycle", "is draft; a release can approve only from submitted",
                () -> releases.approve(draft, null, "carl"));
        assertRefused(draft, "lifecycle", "is draft", () -> releases.reject(draft, "no", "carl"));
        assertRefused(draft, "lifecycle", "is draft", () -> releases.schedule(draft, null, RM));
        assertRefused(draft, "lifecycle", "is draft", () -> releases.deploy(draft, RM));
        assertRefused(draft, "lifecycle", "is draft", () -> releases.close(draft, "review", RM));
        assertRefused(draft, "lifecycle", "is draft", () -> releases.rollBack(draft, "why", RM));
        assertRefused(submitted, "lifecycle", "can submit only from draft", () -> releases.submit(submitted, RM));
        assertRefused(submitted, "lifecycle", "is submitted", () -> releases.schedule(submitted, null, RM));
        assertRefused(approved, "lifecycle", "is approved", () -> releases.approve(approved, null, "dora"));
        assertRefused(approved, "lifecycle", "is approved", () -> releases.deploy(approved, RM));
        assertRefused(scheduled, "lifecycle", "is scheduled", () -> releases.close(scheduled, "review", RM));
        assertRefused(scheduled, "lifecycle", "is scheduled", () -> releases.rollBack(scheduled, "why", RM));
    }

    // The whole story

    @Test
    void theHistoryTellsEveryStepWithItsActor() throws Exception {
        Release r = draft("major");
        releases.addItems(r.id(), "nginx", "1.24.0-1", null, RM);
        releases.attachEvidence(r.id(), "report.txt", blob("tests passed"), RM);
        releases.submit(r.id(), RM);
        releases.approve(r.id(), "ok", "carl");
        releases.approve(r.id(), "ok", "dora");
        releases.schedule(r.id(), null, RM);
        clock.set("2027-03-06T02:10:00Z");
        releases.deploy(r.id(), "otto");
        releases.close(r.id(), "fine", RM);

        List<Event> history = releases.history(r.id());

        assertThat(history).extracting(e -> e.actor() + " " + e.action()).containsExactly(
                "rita release.created", "rita release.items-added", "rita release.evidence-added",
                "rita release.submitted", "carl release.approval", "dora release.approval", "dora release.approved",
                "rita release.scheduled", "otto release.deployed", "rita release.closed");
        assertThat(history).allMatch(e -> e.subject().equals("release/" + r.id()));
        assertThat(releases.release(r.id()).history()).extracting(t -> t.to().id()).containsExactly("draft",
                "submitted", "approved", "scheduled", "deployed", "closed");
        assertThat(library.events().verify(db)).isInstanceOf(ChainCheck.Intact.class);
    }

    @Test
    void releasesAreListedByStatus() {
        String a = draft("minor").id();
        String b = submitted().id();

        assertThat(releases.list(null, null, 100, 0)).extracting(ReleaseSummary::id).containsExactly(a, b);
        assertThat(releases.list(ReleaseStatus.SUBMITTED, null, 100, 0)).singleElement()
                .satisfies(s -> {
                    assertThat(s.id()).isEqualTo(b);
                    assertThat(s.items()).isEqualTo(2);
                });
        assertThat(releases.list(ReleaseStatus.CLOSED, null, 100, 0)).isEmpty();
    }

    // Policy

    @Test
    void theBuiltInPolicyIsVersionZeroUntilAnAdminSetsOne() {
        PolicyVersion p = releases.policy();

        assertThat(p.version()).isZero();
        assertThat(p.text()).isEqualTo(ReleasePolicy.DEFAULT_TEXT);
        assertThat(p.policy()).isEqualTo(ReleasePolicy.defaults());
    }

    @Test
    void eachPolicyChangeIsAVersionAndAnEvent() {
        PolicyVersion one = releases.setPolicy(ReleasePolicyTest.YAML, ReleasePolicy.Format.YAML, "ada");
        clock.advance(Duration.ofHours(1));
        PolicyVersion two = releases.setPolicy(ReleasePolicyTest.TOML, ReleasePolicy.Format.TOML, "ada");
        int eventsBefore = events().size();
        PolicyVersion same = releases.setPolicy(ReleasePolicyTest.TOML, ReleasePolicy.Format.TOML, "ada");

        assertThat(one.version()).isEqualTo(1);
        assertThat(two.version()).isEqualTo(2);
        assertThat(same).isEqualTo(two);
        assertThat(events()).hasSize(eventsBefore);
        assertThat(releases.policy()).isEqualTo(two);
        assertThat(releases.policy(1).text()).isEqualTo(ReleasePolicyTest.YAML);
        assertThat(releases.policies()).extracting(PolicyVersion::version).containsExactly(0, 1, 2);
        Event last = events().getLast();
        assertThat(last.action()).isEqualTo("policy.changed");
        assertThat(last.actor()).isEqualTo("ada");
        assertThat(last.details().path("version").asInt()).isEqualTo(2);
        assertThat(last.details().path("sha256").asText()).isEqualTo(two.sha256());
        assertThat(last.details().path("previousVersion").asInt()).isEqualTo(1);
    }

    @Test
    void anInvalidPolicyChangesNothing() {
        int before = events().size();

        assertThatThrownBy(() -> releases.setPolicy("types: {}", ReleasePolicy.Format.YAML, "ada"))
                .isInstanceOf(InvalidPolicyException.class);

        assertThat(releases.policy().version()).isZero();
        assertThat(events()).hasSize(before);
        assertThatThrownBy(() -> releases.policy(7)).hasMessageContaining("no release policy version 7");
    }

    @Test
    void theNumberOfApprovalsFollowsThePolicy() {
        releases.setPolicy(ReleasePolicyTest.YAML.replace("minor:\n    approvals: 1", "minor:\n    approvals: 2"),
                ReleasePolicy.Format.YAML, "ada");
        String id = submitted().id();

        assertThat(releases.approve(id, null, "carl").status()).isEqualTo(ReleaseStatus.SUBMITTED);
        Release r = releases.approve(id, null, "dora");

        assertThat(r.status()).isEqualTo(ReleaseStatus.APPROVED);
        assertThat(r.policyVersion()).isEqualTo(1);
    }
}
