package io.coffer.release.export;

import io.coffer.release.ReleaseItem;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks every export makes on the items it is given, so each fails the same way. */
final class Items {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Items() {}

    /**
     * An unmodifiable copy of the items after checking each has a product, version, file name, a
     * size of at least 0 and a SHA-256 of 64 lower-case hex digits, and that no file appears twice.
     *
     * @param what how messages name the list, e.g. "release REL-2027-0003"
     * @throws InvalidReleaseContentException naming the first offending item
     */
    static List<ReleaseItem> checked(List<ReleaseItem> items, String what) {
        Objects.requireNonNull(items, () -> "the items of " + what);
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ReleaseItem item = items.get(i);
            String where = "item " + (i + 1) + " of " + what;
            if (item == null) {
                throw new InvalidReleaseContentException(where + " is null; expected a media item");
            }
            require(item.product(), "product", where);
            require(item.version(), "version", where);
            require(item.fileName(), "file name", where);
            if (item.size() < 0) {
                throw new InvalidReleaseContentException(where + " (" + name(item) + ") has size " + item.size()
                        + "; expected 0 bytes or more");
            }
            if (item.sha256() == null || !SHA256.matcher(item.sha256()).matches()) {
                throw new InvalidReleaseContentException(where + " (" + name(item) + ") has SHA-256 "
                        + Text.quote(item.sha256()) + "; expected 64 lower-case hex digits");
            }
            if (!seen.add(List.of(item.product(), item.version(), item.fileName()))) {
                throw new InvalidReleaseContentException(where + " (" + name(item) + ") appears more than once;"
                        + " expected each file of a version once");
            }
        }
        return List.copyOf(items);
    }

    /** How messages name an item: product, version and file name. */
    static String name(ReleaseItem item) {
        return item.product() + " " + item.version() + " " + item.fileName();
    }

    private static void require(String value, String field, String where) {
        if (value == null || value.isBlank()) {
            throw new InvalidReleaseContentException(where + " has no " + field + "; expected a non-blank "
                    + field);
        }
    }
}
