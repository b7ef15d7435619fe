package io.coffer.release.export;

import io.coffer.release.ReleaseItem;
import io.coffer.versions.VersionScheme;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed from one release's content to another's, product by product, in product name
 * order (by {@link String#compareTo}).
 *
 * @param changes one entry per product found in either release, unchanged ones included
 */
public record ReleaseDiff(List<Change> changes) {

    public ReleaseDiff {
        changes = List.copyOf(changes);
    }

    /** What happened to a product. */
    public enum Kind {
        /** Only the newer release has the product. */
        ADDED,
        /** Only the older release has the product. */
        REMOVED,
        /** The newer release has a higher version, ranked by the product's version scheme. */
        UPGRADED,
        /** The newer release has a lower version, ranked by the product's version scheme. */
        DOWNGRADED,
        /**
         * The version differs, but it cannot be ranked: the product's scheme is opaque (ranked by
         * upload order, which a release does not record), or a version does not fit the scheme.
         */
        REPLACED,
        /**
         * The highest version is the same, but files differ: a file added, removed or with other
         * bytes (see {@link Change#files()}), or a lower version added or removed beside it.
         */
        CHANGED,
        /** The same versions with the same files and digests. */
        UNCHANGED;

        /** The word used in exports, e.g. "upgraded". */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One product's change.
     *
     * @param fromVersions the product's versions in the older release, lowest first; empty when added
     * @param toVersions the product's versions in the newer release, lowest first; empty when removed
     * @param files the files that differ within the versions both releases hold, by version then
     *     file name; empty when there are none
     */
    public record Change(String product, Kind kind, List<String> fromVersions, List<String> toVersions,
            List<FileChange> files) {

        public Change {
            fromVersions = List.copyOf(fromVersions);
            toVersions = List.copyOf(toVersions);
            files = List.copyOf(files);
        }

        /** The highest version in the older release, or null when the product was added. */
        public String fromVersion() {
            return fromVersions.isEmpty() ? null : fromVersions.getLast();
        }

        /** The highest version in the newer release, or null when the product was removed. */
        public String toVersion() {
            return toVersions.isEmpty() ? null : toVersions.getLast();
        }
    }

    /**
     * A file of a version that both releases hold, which is not the same in both.
     *
     * @param fromSha256 its digest in the older release, or null when the newer one added it
     * @param toSha256 its digest in the newer release, or null when the newer one dropped it
     */
    public record FileChange(String version, String fileName, String fromSha256, String toSha256) {

        /** One line for people, e.g. {@code app.jar: sha256 0a1b2c3d4e5f -> 9f8e7d6c5b4a}. */
        public String describe() {
            if (fromSha256 == null) {
                return fileName + " (" + version + "): added";
            }
            if (toSha256 == null) {
                return fileName + " (" + version + "): removed";
            }
            return fileName + " (" + version + "): sha256 " + fromSha256.substring(0, 12) + " -> "
                    + toSha256.substring(0, 12);
        }
    }

    /**
     * The diff from the content of one release to that of another.
     *
     * @param from the items of the older release (the predecessor), in any order
     * @param to the items of the newer release, in any order
     * @param schemeOf the version scheme of a product, given its name; must not return null
     * @throws InvalidReleaseContentException when an item is incomplete or given twice in a list
     * @throws NullPointerException when {@code schemeOf} returns null for a product
     */
    public static ReleaseDiff between(List<ReleaseItem> from, List<ReleaseItem> to,
            Function<String, VersionScheme> schemeOf) {
        Map<String, List<ReleaseItem>> older = byProduct(Items.checked(from, "the older release"));
        Map<String, List<ReleaseItem>> newer = byProduct(Items.checked(to, "the newer release"));
        Set<String> products = new TreeSet<>(older.keySet());
        products.addAll(newer.keySet());

        List<Change> changes = new ArrayList<>();
        for (String product : products) {
            VersionScheme scheme = Objects.requireNonNull(schemeOf.apply(product),
                    () -> "no version scheme for product " + product);
            changes.add(change(product, scheme, older.getOrDefault(product, List.of()),
                    newer.getOrDefault(product, List.of())));
        }
        return new ReleaseDiff(changes);
    }

    /** The changes other than {@link Kind#UNCHANGED}, in the same order. */
    public List<Change> changed() {
        return changes.stream().filter(c -> c.kind() != Kind.UNCHANGED).toList();
    }

    /** How many products had each kind of change; kinds that did not occur are absent. */
    public SortedMap<Kind, Integer> counts() {
        SortedMap<Kind, Integer> counts = new TreeMap<>();
        changes.forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
        return counts;
    }

    private static Change change(String product, VersionScheme scheme, List<ReleaseItem> older,
            List<ReleaseItem> newer) {
        List<String> fromVersions = versions(older, scheme);
        List<String> toVersions = versions(newer, scheme);
        List<FileChange> files = fileChanges(older, newer, scheme);
        return new Change(product, kind(scheme, fromVersions, toVersions, files), fromVersions, toVersions, files);
    }

    private static Kind kind(VersionScheme scheme, List<String> from, List<String> to, List<FileChange> files) {
        if (from.isEmpty()) {
            return Kind.ADDED;
        }
        if (to.isEmpty()) {
            return Kind.REMOVED;
        }
        if (from.equals(to)) {
            return files.isEmpty() ? Kind.UNCHANGED : Kind.CHANGED;
        }
        String highestBefore = from.getLast();
        String highestAfter = to.getLast();
        if (highestBefore.equals(highestAfter)) {
            return Kind.CHANGED;
        }
        if (scheme == VersionScheme.OPAQUE || scheme.problem(highestBefore).isPresent()
                || scheme.problem(highestAfter).isPresent()) {
            return Kind.REPLACED;
        }
        return scheme.comparator().compare(highestAfter, highestBefore) > 0 ? Kind.UPGRADED : Kind.DOWNGRADED;
    }

    private static List<FileChange> fileChanges(List<ReleaseItem> older, List<ReleaseItem> newer,
            VersionScheme scheme) {
        Map<List<String>, String> before = digests(older);
        Map<List<String>, String> after = digests(newer);
        Set<String> common = new TreeSet<>(versionSet(older));
        common.retainAll(versionSet(newer));

        Set<List<String>> files = new HashSet<>();
        before.keySet().stream().filter(k -> common.contains(k.get(0))).forEach(files::add);
        after.keySet().stream().filter(k -> common.contains(k.get(0))).forEach(files::add);
        List<FileChange> changes = new ArrayList<>();
        for (List<String> file : files) {
            String a = before.get(file);
            String b = after.get(file);
            if (!Objects.equals(a, b)) {
                changes.add(new FileChange(file.get(0), file.get(1), a, b));
            }
        }
        changes.sort((x, y) -> {
            int c = scheme.comparator().compare(x.version(), y.version());
            return c != 0 ? c : x.fileName().compareTo(y.fileName());
        });
        return changes;
    }

    private static Map<String, List<ReleaseItem>> byProduct(List<ReleaseItem> items) {
        Map<String, List<ReleaseItem>> map = new TreeMap<>();
        items.forEach(i -> map.computeIfAbsent(i.product(), p -> new ArrayList<>()).add(i));
        return map;
    }

    private static Map<List<String>, String> digests(List<ReleaseItem> items) {
        Map<List<String>, String> map = new HashMap<>();
        items.forEach(i -> map.put(List.of(i.version(), i.fileName()), i.sha256()));
        return map;
    }

    private static Set<String> versionSet(Collection<ReleaseItem> items) {
        Set<String> set = new TreeSet<>();
        items.forEach(i -> set.add(i.version()));
        return set;
    }

    private static List<String> versions(List<ReleaseItem> items, VersionScheme scheme) {
        List<String> versions = new ArrayList<>(versionSet(items));
        versions.sort(scheme.comparator());
        return versions;
    }
}
