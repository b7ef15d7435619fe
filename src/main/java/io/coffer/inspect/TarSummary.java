package io.coffer.inspect;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the entries of a tar archive and adds up the sizes of its files, by walking its headers.
 * A plain tar is walked by seeking past each body; a compressed one has to be decompressed, which
 * is capped at {@link Limits#maxScanBytes()}. Reaching that cap or the entry limit, or meeting a
 * compression this server cannot decompress, is not a fault of the file, so the counts are left
 * out and the "incomplete" attribute says why, rather than raising a problem.
 */
final class TarSummary {

    private final Limits limits;

    TarSummary(Limits limits) {
        this.limits = limits;
    }

    void read(LocalFile file, Compression compression, Findings found) {
        if (compression != Compression.NONE) {
            found.attribute("compression", compression.label());
        }
        if (!compression.supported()) {
            found.attribute("incomplete", "compression " + compression.label() + " not supported, "
                    + "so entries were not counted");
            return;
        }
        String what = compression == Compression.NONE ? "the archive" : "the " + compression.label() + " stream";
        try (InputStream raw = file.stream();
             InputStream decoded = compression.open(raw, limits, what);
             InputStream in = compression == Compression.NONE ? decoded
                     : new CappedInputStream(decoded, limits.maxScanBytes(), what)) {
            TarReader tar = new TarReader(in, "the archive", limits.maxEntries());
            long entries = 0;
            long totalSize = 0;
            for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                entries++;
                if (entry.isFile()) {
                    totalSize = Math.max(totalSize, totalSize + entry.size());
                }
            }
            found.attribute("entries", Long.toString(entries));
            found.attribute("totalSize", Long.toString(totalSize));
        } catch (IOException e) {
            throw Unreadable.damaged(what, e);
        } catch (Unreadable e) {
            if (e.kind() != Unreadable.Kind.TOO_LARGE) {
                throw e;
            }
            found.attribute("incomplete", e.getMessage() + ", so entries were not counted");
        }
    }
}
