package io.coffer.release.export;

import io.coffer.release.Approval;
import io.coffer.release.ReleaseItem;
import io.coffer.release.ReleaseStatus;
import io.coffer.release.ReleaseType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

/** Small, readable release content for the export tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2027-02-01T09:30:00Z");

    private Fixtures() {}

    /** An item whose digest is the SHA-256 of {@code content}, so two contents give two digests. */
    static ReleaseItem item(String product, String version, String fileName, String content) {
        return new ReleaseItem(product, version, fileName, content.length(), sha256(content), "MIT", "Acme Corp");
    }

    static ReleaseItem item(String product, String version, String fileName) {
        return item(product, version, fileName, product + " " + version + " " + fileName);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A scheduled minor release in Berlin time, with one approval. */
    static ReleaseSnapshot release(String id, String title, List<ReleaseItem> items) {
        return new ReleaseSnapshot(id, title, ReleaseType.MINOR, ReleaseStatus.SCHEDULED, "olivia", "arthur",
                Instant.parse("2027-03-01T21:00:00Z"), Instant.parse("2027-03-02T01:00:00Z"),
                ZoneId.of("Europe/Berlin"), "Routine patches.", "Reinstall the previous release.", false, items,
                List.of(new Approval("cab-anna", "approved", "fine", "2027-02-20T10:00:00Z")));
    }
}
