package io.coffer.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.Database;
import io.coffer.catalog.MediaItem;
import io.coffer.catalog.ProductVersion;
import io.coffer.events.ChainCheck;
import io.coffer.events.Event;
import io.coffer.events.EventLog;
import io.coffer.inspect.Inspector;
import io.coffer.store.BlobIntegrityException;
import io.coffer.store.Digest;
import io.coffer.store.LocalBlobStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's rules, run against each catalog database. */
abstract class LibraryContract {

    @TempDir
    Path dir;

    Database db;
    LocalBlobStore store;
    Library library;

    abstract Database openDatabase(Path dir);

    @BeforeEach
    void open() throws Exception {
        db = openDatabase(dir);
        store = LocalBlobStore.open(dir.resolve("store"));
        library = new Library(db, store, new EventLog(Clock.systemUTC()), new Inspector(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private PushResult push(String content, String fileName, String product, String version) throws Exception {
        return library.push(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                new PushRequest(fileName, product, version, null, null, null, null, null, null, null, -1), "alice");
    }

    private List<Event> events() {
        return library.events().list(db, 0, 1000, Optional.empty());
    }

    private long blobCount() throws Exception {
        try (Stream<Digest> all = store.digests()) {
            return all.count();
        }
    }

    @Test
    void pushRecordsProductVersionAndMediaItemWithEvents() throws Exception {
        PushResult result = push("installer bytes", "setup.exe", "Acme Tool", "2.3.1");

        assertThat(result).isInstanceOf(PushResult.Stored.class);
        MediaItem item = result.item();
        assertThat(item.product()).isEqualTo("Acme Tool");
        assertThat(item.version()).isEqualTo("2.3.1");
        assertThat(item.size()).isEqualTo(15);
        assertThat(store.contains(new Digest(item.sha256()))).isTrue();
        assertThat(library.product("Acme Tool").scheme()).isEqualTo("semver");
        assertThat(events()).extracting(Event::action)
                .containsExactly("product.created", "version.created", "media.pushed");
        assertThat(events()).extracting(Event::actor).containsOnly("alice");
    }

    @Test
    void pushingTheSameBytesAgainChangesNothing() throws Exception {
        push("same", "a.bin", "p", "1.0.0");
        int before = events().size();

        PushResult again = push("same", "a.bin", "p", "1.0.0");

        assertThat(again).isInstanceOf(PushResult.AlreadyPresent.class);
        assertThat(events()).hasSize(before);
        assertThat(library.version("p", "1.0.0").media()).hasSize(1);
    }

    @Test
    void differentBytesUnderAPushedNameAreRefusedAndNothingIsKept() throws Exception {
        push("original", "a.bin", "p", "1.0.0");
        int before = events().size();

        assertThatThrownBy(() -> push("changed", "a.bin", "p", "1.0.0"))
                .isInstanceOf(ImmutableVersionException.class)
                .hasMessageContaining("immutable");

        assertThat(events()).hasSize(before);
        assertThat(blobCount()).isEqualTo(1);
        assertThat(library.version("p", "1.0.0").media()).singleElement()
                .extracting(MediaItem::sha256).isEqualTo(sha("original"));
    }

    @Test
    void aWrongExpectedDigestKeepsNothing() throws Exception {
        Digest wrong = new Digest(sha("something else"));

        assertThatThrownBy(() -> library.push(new ByteArrayInputStream("bytes".getBytes()),
                new PushRequest("f.bin", "p", "1.0.0", null, null, null, null, null, null, wrong, -1), "alice"))
                .isInstanceOf(BlobIntegrityException.class);

        assertThat(blobCount()).isZero();
        assertThat(events()).isEmpty();
        assertThat(library.products(null, 10, 0)).isEmpty();
    }

    @Test
    void versionsAreOrderedByTheProductsScheme() throws Exception {
        library.createProduct(new Catalog.NewProduct("pkg", null, null, "debian", null, null), "alice");
        for (String v : List.of("1.0-1", "1:0.9-1", "1.0~rc1-1", "1.0-1+b1", "0.9-3")) {
            push("content of " + v, "pkg.bin", "pkg", v);
        }

        assertThat(library.versions("pkg")).extracting(ProductVersion::version)
                .containsExactly("0.9-3", "1.0~rc1-1", "1.0-1", "1.0-1+b1", "1:0.9-1");
        assertThat(library.latest("pkg").version()).isEqualTo("1:0.9-1");
    }

    @Test
    void opaqueVersionsKeepUploadOrder() throws Exception {
        library.createProduct(new Catalog.NewProduct("firmware", null, null, "opaque", null, null), "alice");
        for (String v : List.of("zeta", "alpha", "mid")) {
            push("fw " + v, "fw.bin", "firmware", v);
        }

        assertThat(library.versions("firmware")).extracting(ProductVersion::version)
                .containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void aVersionThatDoesNotFitTheSchemeIsRefusedWithTheReason() throws Exception {
        library.createProduct(new Catalog.NewProduct("lib", null, null, "semver", null, null), "alice");

        assertThatThrownBy(() -> push("x", "lib.jar", "lib", "1.2"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'1.2'")
                .hasMessageContaining("semver");
        assertThat(library.versions("lib")).isEmpty();
        assertThat(blobCount()).isZero();
    }

    @Test
    void aWithdrawnVersionStaysInTheCatalogAndTakesNoMoreFiles() throws Exception {
        push("one", "a.bin", "p", "1.0.0");
        push("two", "a.bin", "p", "2.0.0");

        ProductVersion withdrawn = library.setStatus("p", "2.0.0", ProductVersion.Status.WITHDRAWN,
                "CVE-2026-0001", "bob");

        assertThat(withdrawn.status()).isEqualTo(ProductVersion.Status.WITHDRAWN);
        assertThat(withdrawn.statusBy()).isEqualTo("bob");
        assertThat(withdrawn.statusReason()).isEqualTo("CVE-2026-0001");
        assertThat(withdrawn.statusAt()).isNotBlank();
        assertThat(library.versions("p")).hasSize(2);
        assertThat(library.latest("p").version()).isEqualTo("1.0.0");
        assertThatThrownBy(() -> push("extra", "b.bin", "p", "2.0.0")).isInstanceOf(ImmutableVersionException.class);
        assertThatThrownBy(() -> library.setStatus("p", "2.0.0", ProductVersion.Status.ACTIVE, "oops", "bob"))
                .isInstanceOf(ImmutableVersionException.class);
        assertThat(events()).extracting(Event::action).contains("version.withdrawn");
    }

    @Test
    void aFileThatSaysNothingAboutItselfNeedsProductAndVersion() throws Exception {
        assertThatThrownBy(() -> push("opaque bytes", "blob", null, null))
                .isInstanceOf(UnidentifiedMediaException.class)
                .hasMessageContaining("--product");

        assertThat(blobCount()).isZero();
        assertThat(events()).isEmpty();
    }

    @Test
    void productAndVersionAreGuessedFromAFileName() throws Exception {
        PushResult result = push("installer", "frobnicator-4.1.0.exe", null, null);

        assertThat(result.item().product()).isEqualTo("frobnicator");
        assertThat(result.item().version()).isEqualTo("4.1.0");
    }

    @Test
    void findsMediaByNameSupplierLicenceAndDigest() throws Exception {
        library.push(new ByteArrayInputStream("db".getBytes()), new PushRequest("db.tar", "Big DB", "9.1.0",
                "Acme Corp", "LicenseRef-Acme-EULA", null, "safe in room 2.14", null, null, null, -1), "alice");
        push("other", "other.bin", "other", "1.0.0");

        assertThat(library.search(new Catalog.Criteria("big", null, null, null), 10))
                .extracting(MediaItem::product).containsExactly("Big DB");
        assertThat(library.search(new Catalog.Criteria(null, "acme", null, null), 10)).hasSize(1);
        assertThat(library.search(new Catalog.Criteria(null, null, "eula", null), 10)).hasSize(1);
        assertThat(library.search(new Catalog.Criteria(null, null, null, sha("other")), 10))
                .extracting(MediaItem::fileName).containsExactly("other.bin");
        MediaItem db = library.media("Big DB", "9.1.0", "db.tar");
        assertThat(db.locations()).singleElement().satisfies(l -> {
            assertThat(l.location()).isEqualTo("safe in room 2.14");
            assertThat(l.checkedBy()).isEqualTo("alice");
        });
        assertThat(library.suppliers()).extracting(s -> s.name()).containsExactly("Acme Corp");
    }

    @Test
    void theMasterCopyOfANamedFileIsItsBlobWithNameAndMediaType() throws Exception {
        push("tool bytes", "tool.bin", "tool", "1.0.0");

        MasterCopy copy = library.masterCopy("tool", "1.0.0", "tool.bin");

        assertThat(copy).isEqualTo(new MasterCopy(new Digest(sha("tool bytes")), "tool.bin",
                "application/octet-stream"));
        assertThat(library.masterCopy("tool", "1.0.0", "tool.bin")).isEqualTo(copy);
    }

    @Test
    void aFileAskedForBeforeItWasPushedIsFoundOnceItIs() throws Exception {
        push("one", "one.bin", "tool", "1.0.0");
        assertThatThrownBy(() -> library.masterCopy("tool", "1.0.0", "two.bin"))
                .isInstanceOf(NoSuchMediaException.class).hasMessageContaining("two.bin");

        push("two", "two.bin", "tool", "1.0.0");

        assertThat(library.masterCopy("tool", "1.0.0", "two.bin").digest()).isEqualTo(new Digest(sha("two")));
    }

    @Test
    void theMasterCopyOfAMissingNameSaysWhichPartIsMissing() throws Exception {
        push("one", "one.bin", "tool", "1.0.0");

        assertThatThrownBy(() -> library.masterCopy("nothing", "1.0.0", "one.bin"))
                .isInstanceOf(NoSuchProductException.class);
        assertThatThrownBy(() -> library.masterCopy("tool", "9.9.9", "one.bin"))
                .isInstanceOf(NoSuchVersionException.class);
        assertThatThrownBy(() -> library.masterCopy("tool", "1.0.0", "other.bin"))
                .isInstanceOf(NoSuchMediaException.class);
    }

    @Test
    void namesThatCouldEscapeOrSteerTheTerminalAreRefusedBeforeAnythingIsRead() {
        for (String bad : List.of("../etc/passwd", "/etc/passwd", "a/b", "..", "bell\u0007.bin", "esc\u001b[31m",
                "x".repeat(256))) {
            ByteArrayInputStream body = new ByteArrayInputStream("x".getBytes());
            assertThatThrownBy(() -> library.push(body, new PushRequest(bad, "p", "1.0.0", null, null, null, null,
                    null, null, null, -1), "alice")).as(bad).isInstanceOf(InvalidNameException.class);
            assertThat(body.available()).as("body untouched for %s", bad).isEqualTo(1);
        }
    }

    @Test
    void spacesNonAsciiAndEmptyFilesAreFine() throws Exception {
        PushResult r = library.push(java.io.InputStream.nullInputStream(), new PushRequest(
                "Überprüfung v2 – 東京.txt", "Ürün", "1.0.0", null, null, null, null, null, null, null, 0),
                "alice");

        assertThat(r.item().fileName()).isEqualTo("Überprüfung v2 – 東京.txt");
        assertThat(r.item().size()).isZero();
        assertThat(library.media("Ürün", "1.0.0", "Überprüfung v2 – 東京.txt").sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void verificationFindsDamagedAndMissingBlobsAndTheLogStaysIntact() throws Exception {
        MediaItem a = push("aaa", "a.bin", "p", "1.0.0").item();
        MediaItem b = push("bbb", "b.bin", "p", "1.0.0").item();
        Files.writeString(store.pathOf(new Digest(a.sha256())), "rotten");
        Files.delete(store.pathOf(new Digest(b.sha256())));

        Verification.Report report = Verification.run(library, 2, n -> {});

        assertThat(report.ok()).isFalse();
        assertThat(report.damaged()).extracting(d -> d.expected().hex()).containsExactly(a.sha256());
        assertThat(report.missing()).extracting(Verification.MissingBlob::fileName).containsExactly("b.bin");
        assertThat(library.events().verify(db)).isInstanceOf(ChainCheck.Intact.class);
    }

    static String sha(String s) throws Exception {
        return Digest.ofBytes(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8))).hex();
    }
}
