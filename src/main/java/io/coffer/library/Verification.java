package io.coffer.library;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.MediaItem;
import io.coffer.store.Digest;
import io.coffer.store.Scrub;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Checks the physical store against itself and against the catalog: every blob still hashes to its
 * name, and the blob of every media item and of every piece of release test evidence is
 * present. Blobs that no media item refers to are listed too;
 * they are harmless leftovers of pushes that failed after the bytes were stored.
 */
public final class Verification {

    /** A catalog entry whose blob is gone. */
    public record MissingBlob(String product, String version, String fileName, String sha256) {}

    /** The whole outcome. The library is sound when {@link #ok()}. */
    public record Report(long blobsChecked, long bytesChecked, List<Scrub.Damage> damaged, List<MissingBlob> missing,
            List<String> unreferenced) {
        public boolean ok() {
            return damaged.isEmpty() && missing.isEmpty();
        }
    }

    private Verification() {}

    /** Runs the check with {@code threads} hashing workers; {@code progress} receives blobs checked so far. */
    public static Report run(Library library, int threads, Consumer<Long> progress) throws IOException {
        Scrub.Report scrub = Scrub.run(library.store(), threads, progress);
        Catalog catalog = new Catalog();
        List<MissingBlob> missing = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        String after = "";
        while (true) {
            String from = after;
            List<String> page = library.database().read(h -> catalog.referencedDigests(h, from, 10_000));
            for (String sha : page) {
                referenced.add(sha);
                if (!library.store().contains(new Digest(sha))) {
                    List<MediaItem> items = library.mediaByDigest(new Digest(sha));
                    for (MediaItem item : items) {
                        missing.add(new MissingBlob(item.product(), item.version(), item.fileName(), sha));
                    }
                    if (items.isEmpty()) {
                        missing.add(new MissingBlob(null, null, "release test evidence", sha));
                    }
                }
            }
            if (page.size() < 10_000) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        List<String> unreferenced;
        try (Stream<Digest> present = library.store().digests()) {
            unreferenced = present.map(Digest::hex).filter(hex -> !referenced.contains(hex)).sorted().toList();
        }
        return new Report(scrub.blobsChecked(), scrub.bytesChecked(), scrub.damaged(), List.copyOf(missing),
                unreferenced);
    }
}
