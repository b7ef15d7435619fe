package io.coffer.bench;

import io.coffer.catalog.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Handle;

/**
 * A SQLite catalog holding one million media items, made through the real migrations and filled
 * with plain JDBC batches in one transaction (going through the library would take hours: every
 * push is its own durable transaction with events).
 *
 * <p>Shape: {@value #PRODUCTS} ordinary products of {@value #VERSIONS} SemVer versions with
 * {@value #FILES} files each, and one large product of {@value #LARGE_VERSIONS} versions with one
 * file each, which makes exactly a million items. Versions are uploaded in an order that is not
 * their SemVer order, so listing really sorts. Every tenth item has an offline location. Digests
 * are a function of the item's number, so a benchmark can pick existing ones without reading them.
 */
final class MillionItemCatalog {

    static final int PRODUCTS = 4_995;
    static final int VERSIONS = 40;
    static final int FILES = 5;
    static final int LARGE_VERSIONS = 1_000;
    static final int ITEMS = PRODUCTS * VERSIONS * FILES + LARGE_VERSIONS;
    static final String LARGE_PRODUCT = "large-product";

    private static final String AT = "2026-01-01T00:00:00Z";
    private static final String BY = "bench";

    private MillionItemCatalog() {}

    static String jdbcUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("catalog.db").toAbsolutePath();
    }

    /** The name of ordinary product {@code p}, from 0. */
    static String product(int p) {
        return String.format(Locale.ROOT, "product-%05d", p);
    }

    /** The digest of media item {@code n}, from 0: the SHA-256 of its number, as lower-case hex. */
    static String digest(long n) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(("item-" + n).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Opens the catalog in {@code dir}, creating and filling it first when it is not there. */
    static Database openOrCreate(Path dir, java.io.PrintStream log) throws Exception {
        boolean exists = Files.exists(dir.resolve("catalog.db"));
        Files.createDirectories(dir);
        Database db = Database.open(jdbcUrl(dir), null, null);
        if (!exists) {
            long start = System.nanoTime();
            try (Handle h = db.jdbi().open()) {
                fill(h.getConnection());
            }
            log.printf(Locale.ROOT, "filled the catalog with %,d media items in %.1f s%n", ITEMS,
                    (System.nanoTime() - start) / 1e9);
        }
        return db;
    }

    private static void fill(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // Only for filling: a large page cache so that a million random index inserts stay fast.
            s.execute("PRAGMA cache_size = -262144");
        }
        c.setAutoCommit(false);
        try (PreparedStatement product = c.prepareStatement("INSERT INTO product (id, name, kind, scheme, "
                        + "created_at, created_by) VALUES (?, ?, 'external', 'semver', '" + AT + "', '" + BY + "')");
                PreparedStatement version = c.prepareStatement("INSERT INTO version (id, product_id, version, "
                        + "upload_seq, status, created_at, created_by) VALUES (?, ?, ?, ?, 'active', '" + AT
                        + "', '" + BY + "')");
                PreparedStatement media = c.prepareStatement("INSERT INTO media_item (id, version_id, file_name, "
                        + "size, sha256, media_type, format, metadata, created_at, created_by) VALUES (?, ?, ?, ?, ?, "
                        + "'application/octet-stream', 'other', '{}', '" + AT + "', '" + BY + "')");
                PreparedStatement location = c.prepareStatement("INSERT INTO offline_location (media_item_id, "
                        + "location, checked_by, checked_at) VALUES (?, ?, '" + BY + "', '" + AT + "')")) {
            Ids ids = new Ids();
            SplittableRandom random = new SplittableRandom(42);
            for (int p = 0; p <= PRODUCTS; p++) {
                boolean large = p == PRODUCTS;
                long productId = ++ids.product;
                product.setLong(1, productId);
                product.setString(2, large ? LARGE_PRODUCT : product(p));
                product.addBatch();
                int versions = large ? LARGE_VERSIONS : VERSIONS;
                int files = large ? 1 : FILES;
                int[] order = shuffled(versions, random);
                for (int seq = 0; seq < versions; seq++) {
                    long versionId = ++ids.version;
                    version.setLong(1, versionId);
                    version.setLong(2, productId);
                    version.setString(3, semver(order[seq], large));
                    version.setLong(4, seq + 1);
                    version.addBatch();
                    for (int f = 0; f < files; f++) {
                        long item = ids.media++;
                        media.setLong(1, item + 1);
                        media.setLong(2, versionId);
                        media.setString(3, "file-" + f + ".bin");
                        media.setLong(4, 1024L + item);
                        media.setString(5, digest(item));
                        media.addBatch();
                        if (item % 10 == 0) {
                            location.setLong(1, item + 1);
                            location.setString(2, "cabinet " + item % 97 + ", shelf " + item % 7);
                            location.addBatch();
                        }
                    }
                }
                if (p % 100 == 0 || large) {
                    product.executeBatch();
                    version.executeBatch();
                    media.executeBatch();
                    location.executeBatch();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM media_item")) {
            rs.next();
            if (rs.getLong(1) != ITEMS) {
                throw new IllegalStateException("filled " + rs.getLong(1) + " media items, expected " + ITEMS);
            }
        }
    }

    private static final class Ids {
        long product;
        long version;
        long media;
    }

    /** Version number {@code k} of a product; some ordinary ones are release candidates. */
    private static String semver(int k, boolean large) {
        if (large) {
            return (k / 100 + 1) + "." + (k / 10 % 10) + "." + k % 10;
        }
        String release = (k / 10 + 1) + "." + k % 10 + ".0";
        return k % 8 == 7 ? release + "-rc." + (k % 3 + 1) : release;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
