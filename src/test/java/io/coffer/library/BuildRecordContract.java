package io.coffer.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.Json;
import io.coffer.catalog.BuildRecord;
import io.coffer.catalog.Catalog;
import io.coffer.catalog.Database;
import io.coffer.catalog.Product;
import io.coffer.events.Event;
import io.coffer.events.EventLog;
import io.coffer.inspect.Inspector;
import io.coffer.store.Digest;
import io.coffer.store.LocalBlobStore;
import io.coffer.testing.AdjustableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build records given with a push or imported from in-toto / SLSA provenance, on each catalog database. */
abstract class BuildRecordContract {

    static final String TARBALL = "acme-tool-1.2.0.tar.gz";
    static final String TARBALL_SHA256 = "6952daab93a5ff6786c95e1cff3bd911f8f89efff1f49c5fa2e32d0dffca6537";
    static final String COMMIT = "3f786850e387550fdab836ed7e6dc881de23001b";
    static final String SOURCE = "git+https://git.example.org/acme/tool@refs/tags/v1.2.0";
    static final BuildInfo CI_BUILD = new BuildInfo("https://git.example.org/acme/tool", COMMIT, "ci-runner-7",
            "make dist", "Debian 12, gcc 12.2");

    @TempDir
    Path dir;

    Database db;
    LocalBlobStore store;
    Library library;
    AdjustableClock clock = new AdjustableClock(Instant.parse("2026-02-27T15:00:00Z"));

    abstract Database openDatabase(Path dir);

    @BeforeEach
    void open() throws Exception {
        db = openDatabase(dir);
        store = LocalBlobStore.open(dir.resolve("store"));
        library = new Library(db, store, new EventLog(clock), new Inspector(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = BuildRecordContract.class.getResourceAsStream("/provenance/" + name)) {
            return in.readAllBytes();
        }
    }

    static String text(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    private PushResult pushTarball(BuildInfo build) throws Exception {
        return library.push(new ByteArrayInputStream(resource(TARBALL)), new PushRequest(TARBALL, "acme-tool",
                "1.2.0", "Acme platform team", null, null, null, null, null, null, -1), build, "alice");
    }

    private PushResult push(String content, String fileName, BuildInfo build) throws Exception {
        return library.push(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), new PushRequest(
                fileName, "acme-tool", "1.2.0", null, null, null, null, null, null, null, -1), build, "alice");
    }

    private VersionDetail importDocument(String document) throws IOException {
        return importDocument(document.getBytes(StandardCharsets.UTF_8));
    }

    private VersionDetail importDocument(byte[] document) throws IOException {
        return library.importProvenance("acme-tool", "1.2.0", new ByteArrayInputStream(document), "bob");
    }

    private BuildRecord build() {
        return library.version("acme-tool", "1.2.0").build();
    }

    private List<Event> events() {
        return library.events().list(db, 0, 10_000, Optional.empty());
    }

    private List<Event> buildEvents() {
        return events().stream().filter(e -> e.action().equals("version.build-recorded")).toList();
    }

    private long blobCount() throws Exception {
        try (Stream<Digest> all = store.digests()) {
            return all.count();
        }
    }

    private static ObjectNode v1Statement() throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(resource("acme-tool-1.2.0.slsa-v1.intoto.json"));
    }

    // Given with a push

    @Test
    void aPushWithBuildInformationRecordsItWithTheVersionAndAnEvent() throws Exception {
        pushTarball(CI_BUILD);

        BuildRecord r = build();
        assertThat(r).isEqualTo(new BuildRecord("https://git.example.org/acme/tool", COMMIT, "ci-runner-7",
                "make dist", "Debian 12, gcc 12.2", null, "2026-02-27T15:00:00Z", "alice"));
        assertThat(library.product("acme-tool").kind()).isEqualTo(Product.Kind.INTERNAL);
        assertThat(events()).extracting(Event::action).containsExactly("product.created", "version.created",
                "media.pushed", "version.build-recorded");
        Event recorded = buildEvents().getFirst();
        assertThat(recorded.subject()).isEqualTo("product/acme-tool/1.2.0");
        assertThat(recorded.details().path("from").asText()).isEqualTo("push");
        assertThat(recorded.details().path("before").isNull()).isTrue();
        assertThat(recorded.details().path("after").path("revision").asText()).isEqualTo(COMMIT);
    }

    @Test
    void theSameBuildAgainOrPartOfItChangesNothing() throws Exception {
        pushTarball(CI_BUILD);

        PushResult again = pushTarball(CI_BUILD);
        push("checksums", "SHA256SUMS", new BuildInfo(null, COMMIT, "ci-runner-7", null, null));
        push("notes", "NOTES.txt", BuildInfo.NONE);

        assertThat(again).isInstanceOf(PushResult.AlreadyPresent.class);
        assertThat(library.version("acme-tool", "1.2.0").media()).hasSize(3);
        assertThat(buildEvents()).hasSize(1);
        assertThat(build().revision()).isEqualTo(COMMIT);
    }

    @Test
    void aDifferentBuildForAVersionWithOneIsAConflictAndKeepsNothing() throws Exception {
        pushTarball(CI_BUILD);
        int before = events().size();

        assertThatThrownBy(() -> push("other bytes", "acme-tool-1.2.0.zip", new BuildInfo(null, "0badc0de",
                "laptop-of-eve", null, null)))
                .isInstanceOf(BuildRecordConflictException.class)
                .hasMessageContaining("revision is '" + COMMIT + "', not '0badc0de'")
                .hasMessageContaining("builder is 'ci-runner-7', not 'laptop-of-eve'")
                .hasMessageContaining("recorded by alice at 2026-02-27T15:00:00Z");

        assertThat(events()).hasSize(before);
        assertThat(blobCount()).isEqualTo(1);
        assertThat(library.version("acme-tool", "1.2.0").media()).hasSize(1);
        assertThat(build().builder()).isEqualTo("ci-runner-7");
    }

    @Test
    void addingAFieldToARecordedBuildIsAConflictToo() throws Exception {
        pushTarball(new BuildInfo(null, COMMIT, null, null, null));

        assertThatThrownBy(() -> pushTarball(new BuildInfo(null, COMMIT, "ci-runner-7", null, null)))
                .isInstanceOf(BuildRecordConflictException.class)
                .hasMessageContaining("without builder");
        assertThat(build().builder()).isNull();
    }

    @Test
    void aBuildIsRecordedWithAPushOfBytesAlreadyThereForAnInternalProduct() throws Exception {
        library.createProduct(new Catalog.NewProduct("acme-tool", null, Product.Kind.INTERNAL, "semver", null,
                null), "alice");
        pushTarball(BuildInfo.NONE);
        clock.advance(Duration.ofHours(1));

        PushResult again = pushTarball(CI_BUILD);

        assertThat(again).isInstanceOf(PushResult.AlreadyPresent.class);
        assertThat(build().recordedAt()).isEqualTo("2026-02-27T16:00:00Z");
        assertThat(buildEvents()).hasSize(1);
    }

    @Test
    void externalProductsDoNotTakeBuildRecords() throws Exception {
        library.createProduct(new Catalog.NewProduct("acme-tool", null, Product.Kind.EXTERNAL, "semver", null,
                null), "alice");
        int before = events().size();

        assertThatThrownBy(() -> pushTarball(CI_BUILD))
                .isInstanceOf(BuildRecordConflictException.class)
                .hasMessageContaining("product 'acme-tool' is external");
        assertThatThrownBy(() -> library.push(new ByteArrayInputStream(new byte[] {1}), new PushRequest("x.bin",
                "vendor-thing", "1.0.0", null, null, null, null, null, "external", null, -1), CI_BUILD, "alice"))
                .isInstanceOf(BuildRecordConflictException.class);

        assertThat(events()).hasSize(before);
        assertThat(blobCount()).isZero();
        assertThat(library.products(null, 10, 0)).extracting(Product::name).containsExactly("acme-tool");
    }

    @Test
    void buildFieldsWithControlCharactersOrOverlongAreRefusedBeforeAnythingIsKept() throws Exception {
        for (BuildInfo bad : List.of(new BuildInfo(null, "abc\u001b[2J", null, null, null),
                new BuildInfo("https://x/" + "y".repeat(2048), null, null, null, null),
                new BuildInfo(null, null, "r".repeat(256), null, null),
                new BuildInfo(null, null, null, "make\nrm -rf /", null))) {
            assertThatThrownBy(() -> pushTarball(bad)).isInstanceOf(InvalidNameException.class);
        }

        assertThat(events()).isEmpty();
        assertThat(blobCount()).isZero();
    }

    // Imported from provenance

    @Test
    void slsaV1ProvenanceBecomesTheBuildRecord() throws Exception {
        createInternalProduct();
        pushTarball(BuildInfo.NONE);
        String statement = text("acme-tool-1.2.0.slsa-v1.intoto.json");

        VersionDetail detail = importDocument(statement);

        BuildRecord r = detail.build();
        assertThat(r.sourceRepository()).isEqualTo(SOURCE);
        assertThat(r.revision()).isEqualTo(COMMIT);
        assertThat(r.builder()).isEqualTo("https://git.example.org/acme/ci/runner/linux-amd64@v3");
        assertThat(r.buildCommand()).isEqualTo("buildType https://actions.github.io/buildtypes/workflow/v1; "
                + "externalParameters {\"workflow\":{\"path\":\".github/workflows/release.yml\","
                + "\"ref\":\"refs/tags/v1.2.0\",\"repository\":\"https://git.example.org/acme/tool\"}}");
        assertThat(r.environment()).isEqualTo("{\"github\":{\"event_name\":\"push\",\"repository_id\":\"731245\","
                + "\"repository_owner_id\":\"90210\",\"runner_environment\":\"self-hosted\"}}");
        assertThat(r.provenance()).isEqualTo(statement.strip());
        assertThat(r.recordedBy()).isEqualTo("bob");
        assertThat(build()).isEqualTo(r);
        assertThat(library.provenance("acme-tool", "1.2.0")).isEqualTo(statement.strip());
        Event recorded = buildEvents().getFirst();
        assertThat(recorded.actor()).isEqualTo("bob");
        assertThat(recorded.details().path("from").asText()).isEqualTo("provenance");
        assertThat(recorded.details().path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(recorded.details().path("subjects").toString()).isEqualTo("[\"" + TARBALL_SHA256 + "\"]");
        assertThat(recorded.details().path("after").path("provenanceSha256").asText()).hasSize(64);
    }

    @Test
    void slsaV02ProvenanceInADsseEnvelopeBecomesTheBuildRecordWithTheEnvelopeKept() throws Exception {
        createInternalProduct();
        pushTarball(BuildInfo.NONE);
        String jsonl = text("acme-tool-1.2.0.slsa-v02.intoto.jsonl");

        BuildRecord r = importDocument(jsonl).build();

        assertThat(r.sourceRepository()).isEqualTo(SOURCE);
        assertThat(r.revision()).isEqualTo(COMMIT);
        assertThat(r.builder()).isEqualTo("https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
                + "generator_generic_slsa3.yml@refs/tags/v1.9.0");
        assertThat(r.buildCommand()).isEqualTo("buildType https://github.com/slsa-framework/slsa-github-generator/"
                + "generic@v1; entryPoint .github/workflows/release.yml");
        assertThat(r.environment()).isEqualTo("{\"github_actor\":\"release-bot\",\"github_event_name\":\"push\","
                + "\"github_ref\":\"refs/tags/v1.2.0\",\"github_run_id\":\"4417\",\"github_sha1\":\"" + COMMIT + "\"}");
        assertThat(r.provenance()).isEqualTo(jsonl.strip()).contains("\"signatures\"");
        assertThat(buildEvents().getFirst().details().path("statementType").asText())
                .isEqualTo("https://in-toto.io/Statement/v0.1");
    }

    @Test
    void aPlainSlsaV02StatementMapsTheSameAsItsEnvelope() throws Exception {
        createInternalProduct();
        pushTarball(BuildInfo.NONE);

        BuildRecord r = importDocument(text("acme-tool-1.2.0.slsa-v02.json")).build();

        assertThat(r.builder()).endsWith("generator_generic_slsa3.yml@refs/tags/v1.9.0");
        assertThat(r.revision()).isEqualTo(COMMIT);
    }

    @Test
    void theSameStatementAgainChangesNothingAndADifferentOneIsAConflict() throws Exception {
        createInternalProduct();
        pushTarball(BuildInfo.NONE);
        importDocument(text("acme-tool-1.2.0.slsa-v1.intoto.json"));
        int before = events().size();

        importDocument(text("acme-tool-1.2.0.slsa-v1.intoto.json"));
        assertThat(events()).hasSize(before);
        assertThatThrownBy(() -> importDocument(text("acme-tool-1.2.0.slsa-v02.intoto.jsonl")))
                .isInstanceOf(BuildRecordConflictException.class)
                .hasMessageContaining("builder is 'https://git.example.org/acme/ci/runner/linux-amd64@v3'");
        ObjectNode reformatted = v1Statement();
        assertThatThrownBy(() -> importDocument(Json.canonical(reformatted)))
                .isInstanceOf(BuildRecordConflictException.class)
                .hasMessageContaining("different provenance statement");

        assertThat(events()).hasSize(before);
    }

    @Test
    void aStatementFillsTheGapsOfARecordFromAPushButMayNotContradictIt() throws Exception {
        pushTarball(new BuildInfo(SOURCE, COMMIT, null, null, null));
        clock.advance(Duration.ofMinutes(5));

        BuildRecord r = importDocument(text("acme-tool-1.2.0.slsa-v1.intoto.json")).build();

        assertThat(r.sourceRepository()).isEqualTo(SOURCE);
        assertThat(r.builder()).isEqualTo("https://git.example.org/acme/ci/runner/linux-amd64@v3");
        assertThat(r.provenance()).isNotNull();
        assertThat(r.recordedAt()).isEqualTo("2026-02-27T15:05:00Z");
        Event filled = buildEvents().getLast();
        assertThat(filled.details().path("before").path("builder").isNull()).isTrue();
        assertThat(filled.details().path("after").path("builder").asText()).endsWith("linux-amd64@v3");
    }

    @Test
    void aStatementContradictingARecordFromAPushIsAConflict() throws Exception {
        pushTarball(new BuildInfo(null, "0badc0de", null, null, null));
        int before = events().size();

        assertThatThrownBy(() -> importDocument(text("acme-tool-1.2.0.slsa-v1.intoto.json")))
                .isInstanceOf(BuildRecordConflictException.class)
                .hasMessageContaining("revision is '0badc0de', not '" + COMMIT + "'");

        assertThat(events()).hasSize(before);
        assertThat(build().provenance()).isNull();
    }

    @Test
    void aStatementAboutOtherBytesIsRefusedNamingBothSides() throws Exception {
        createInternalProduct();
        push("not the tarball", TARBALL, BuildInfo.NONE);

        assertThatThrownBy(() -> importDocument(text("acme-tool-1.2.0.slsa-v1.intoto.json")))
                .isInstanceOf(ProvenanceMismatchException.class)
                .hasMessageContaining("'acme-tool-1.2.0.tar.gz' sha256 " + TARBALL_SHA256)
                .hasMessageContaining("none of which is a media item of acme-tool 1.2.0")
                .hasMessageContaining(Digest.ofBytes(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("not the tarball".getBytes(StandardCharsets.UTF_8))).hex());
        assertThat(build()).isNull();
    }

    @Test
    void theOneMatchingStatementOfAJsonLinesFileIsImported() throws Exception {
        createInternalProduct();
        pushTarball(BuildInfo.NONE);
        ObjectNode other = v1Statement();
        ((ObjectNode) other.path("subject").get(0)).putObject("digest").put("sha256", "ab".repeat(32));
        String jsonl = Json.canonical(other) + "\n" + text("acme-tool-1.2.0.slsa-v02.intoto.jsonl");

        BuildRecord r = importDocument(jsonl).build();

        assertThat(r.builder()).endsWith("generator_generic_slsa3.yml@refs/tags/v1.9.0");
        assertThat(r.provenance()).isEqualTo(text("acme-tool-1.2.0.slsa-v02.intoto.jsonl").strip());
    }

    @Test
    void hostileOrMalformedDocumentsAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        createInternalProduct();
        pushTarball(BuildInfo.NONE);
        int before = events().size();
        String good = text("acme-tool-1.2.0.slsa-v1.intoto.json");

        refused("", "empty");
        refused("hello, provenance", "is not JSON");
        refused("[1, 2]", "is a JSON array");
        refused(good.replace("https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v2"),
                "has _type 'https://in-toto.io/Statement/v2'; expected an in-toto statement");
        refused(good.replace("\"_type\": \"https://in-toto.io/Statement/v1\",", ""), "has _type (none)");
        refused(good.replace("https://slsa.dev/provenance/v1", "https://spdx.dev/Document"),
                "predicateType 'https://spdx.dev/Document'; expected SLSA provenance");
        refused(good.replace(TARBALL_SHA256, "not-a-digest"), "with sha256 'not-a-digest'; expected 64 hex digits");
        refused(good.replace("\"https://git.example.org/acme/ci/runner/linux-amd64@v3\"", "42"),
                "has 'id' of type number");
        refused(good.replace("\"_type\":", "\"_type\": \"x\", \"_type\":"), "is not JSON");
        ObjectNode noSubject = v1Statement();
        noSubject.remove("subject");
        refused(Json.canonical(noSubject), "has no subject");
        ObjectNode noRun = v1Statement();
        ((ObjectNode) noRun.path("predicate")).remove("runDetails");
        refused(Json.canonical(noRun), "no 'runDetails' object");
        refused(good + "\n{\"not\": \"closed\"", "is not JSON");
        refused("{\"payloadType\":\"text/plain\",\"payload\":\"aGk=\",\"signatures\":[]}",
                "DSSE envelope with payloadType 'text/plain'");
        refused("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"%%%\",\"signatures\":[]}",
                "payload is not base64");
        refused("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""
                + Base64.getEncoder().encodeToString("[]".getBytes(StandardCharsets.UTF_8)) + "\"}",
                "is not a JSON object");
        refused("[".repeat(200_000) + "]".repeat(200_000), "is not JSON");
        refused(Json.canonical(v1Statement()) + "\n" + Json.canonical(v1Statement()).replace("runner",
                "other-runner"), "2 statements of the document are about acme-tool 1.2.0");
        assertThatThrownBy(() -> importDocument(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}))
                .isInstanceOf(InvalidProvenanceException.class).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> importDocument(good.replace("linux-amd64@v3", "linux\\u001b]0;pwned\\u0007")))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("builder")
                .hasMessageContaining("U+001B");

        assertThat(events()).hasSize(before);
        assertThat(build()).isNull();
    }

    @Test
    void aDocumentLargerThanOneMebibyteIsRefusedUnread() throws Exception {
        createInternalProduct();
        pushTarball(BuildInfo.NONE);
        ObjectNode huge = v1Statement();
        ((ObjectNode) huge.path("predicate").path("buildDefinition").path("internalParameters"))
                .put("padding", "x".repeat(Library.MAX_PROVENANCE_BYTES));

        assertThatThrownBy(() -> importDocument(Json.canonical(huge)))
                .isInstanceOfSatisfying(CofferException.class, e -> assertThat(e.failure()).isEqualTo(
                        Failure.TOO_LARGE))
                .hasMessageContaining("larger than 1048576 bytes");
        assertThat(build()).isNull();
    }

    @Test
    void provenanceForAnUnknownVersionOrAnExternalProductIsRefused() throws Exception {
        library.push(new ByteArrayInputStream(resource(TARBALL)), new PushRequest(TARBALL, "vendor-tool", "1.2.0",
                null, null, null, null, null, "external", null, -1), "alice");
        createInternalProduct();

        assertThatThrownBy(() -> importDocument(text("acme-tool-1.2.0.slsa-v1.intoto.json")))
                .isInstanceOf(NoSuchVersionException.class);
        assertThatThrownBy(() -> library.importProvenance("vendor-tool", "1.2.0", new ByteArrayInputStream(
                resource("acme-tool-1.2.0.slsa-v1.intoto.json")), "bob"))
                .isInstanceOf(BuildRecordConflictException.class).hasMessageContaining("is external");
        assertThatThrownBy(() -> library.provenance("vendor-tool", "1.2.0"))
                .isInstanceOfSatisfying(CofferException.class, e -> assertThat(e.failure()).isEqualTo(
                        Failure.NOT_FOUND));
    }

    private void createInternalProduct() {
        library.createProduct(new Catalog.NewProduct("acme-tool", null, Product.Kind.INTERNAL, "semver", null,
                null), "alice");
    }

    private void refused(String document, String reason) {
        assertThatThrownBy(() -> importDocument(document))
                .as(document.length() > 80 ? document.substring(0, 80) : document)
                .isInstanceOf(InvalidProvenanceException.class)
                .hasMessageContaining(reason);
    }
}
