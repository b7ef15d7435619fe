package io.coffer.versions;

import io.coffer.CofferException;
import io.coffer.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The way a product numbers its versions: what a version must look like, and how versions rank.
 *
 * <p>Every scheme refuses an empty version, one longer than 255 code points, and one with control
 * characters or unpaired surrogates; each then adds its own rules. Each scheme orders all strings,
 * even those that do not fit it, in one total order:
 * <ol>
 *   <li>strings that do not fit the scheme come before those that do;</li>
 *   <li>fitting versions rank by the scheme's precedence;</li>
 *   <li>strings of equal rank, such as {@code 1.0} and {@code 1.00} under {@link #DEBIAN}, or any
 *       two strings that do not fit, fall back to {@link String#compareTo}.</li>
 * </ol>
 * So the comparator returns 0 only for equal strings, and sorting never depends on input order.
 */
public enum VersionScheme {

    /** Semantic Versioning 2.0.0, such as {@code 1.4.2-rc.1+build.5}. */
    SEMVER("semver", "a SemVer 2.0 version", new SemVerRules()),
    /** Debian package versions, such as {@code 1:2.30-1~bpo12+1}, ranked as dpkg ranks them. */
    DEBIAN("debian", "a Debian version", new DebianRules()),
    /** RPM versions, such as {@code 2:1.0~rc1^git5-3.el9}, ranked as rpm 4.18 ranks them. */
    RPM("rpm", "an RPM version", new RpmRules()),
    /**
     * Maven versions, such as {@code 1.0-SNAPSHOT}, ranked by Maven's {@code ComparableVersion}. Shapes
     * that Maven ranks inconsistently, with qualifiers between numbers such as {@code 1.a-0.1}, are
     * refused, so that the order stays transitive.
     */
    MAVEN("maven", "a Maven version", new MavenRules()),
    /** Calendar versions, such as {@code 2024.04.1}, {@code 24.04} or {@code 2024-04-01}. */
    CALENDAR("calendar", "a calendar version", new CalendarRules()),
    /** Any text, ranked by upload order alone; see {@link #sorted}. */
    OPAQUE("opaque", "an opaque version", new OpaqueRules());

    private final String id;
    /** How messages name a version of this scheme, such as "a SemVer 2.0 version". */
    private final String kind;
    private final SchemeRules rules;
    private final Comparator<String> comparator = this::compare;

    VersionScheme(String id, String kind, SchemeRules rules) {
        this.id = id;
        this.kind = kind;
        this.rules = rules;
    }

    /**
     * The scheme with the given {@link #id()}, in any case and without surrounding blanks.
     *
     * @throws CofferException {@link Failure#INVALID} when no scheme has that name; the message
     *     lists the names there are
     */
    public static VersionScheme parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (VersionScheme scheme : values()) {
            if (scheme.id.equals(wanted)) {
                return scheme;
            }
        }
        String known = Arrays.stream(values()).map(VersionScheme::id).collect(Collectors.joining(", "));
        String problem = name == null
                ? "No version scheme was given"
                : "Version scheme " + VersionText.quote(name) + " is unknown";
        throw new CofferException(Failure.INVALID, problem + "; expected one of " + known);
    }

    /** The lower-case name of the scheme used in the API and the catalogue, such as {@code semver}. */
    public String id() {
        return id;
    }

    /**
     * Why the version does not fit this scheme, as one line that quotes it, such as
     * {@code '1.2' is not a SemVer 2.0 version: expected MAJOR.MINOR.PATCH such as 1.4.2}; empty
     * when it fits. A null version does not fit.
     */
    public Optional<String> problem(String version) {
        if (version == null) {
            return Optional.of("No version was given; expected " + kind);
        }
        String reason = reason(version);
        return reason == null
                ? Optional.empty()
                : Optional.of(VersionText.quote(version) + " is not " + kind + ": " + reason);
    }

    /**
     * Does nothing when the version fits this scheme.
     *
     * @throws InvalidVersionException otherwise, with the reason {@link #problem} gives
     */
    public void check(String version) {
        Optional<String> problem = problem(version);
        if (problem.isPresent()) {
            throw new InvalidVersionException(this, version, problem.get());
        }
    }

    /**
     * The total order of this scheme over all strings, described on the type: misfits first,
     * then by precedence, ties by {@link String#compareTo}. For {@link #OPAQUE} that leaves only
     * the plain string order; rank opaque versions with {@link #sorted} instead. The comparator
     * never throws for non-null strings and throws {@link NullPointerException} for null.
     */
    public Comparator<String> comparator() {
        return comparator;
    }

    /**
     * The items from lowest to highest version. Items are ranked by {@link #comparator()} on their
     * version, then by upload sequence; under {@link #OPAQUE} by upload sequence alone, then by
     * version. Neither the items nor their versions may be null.
     *
     * @param items the items to sort; left unchanged
     * @param version the version string of an item
     * @param uploadSequence a number that grows with each upload, such as a catalogue row id
     * @return a new, modifiable list
     */
    public <T> List<T> sorted(Collection<? extends T> items, Function<? super T, String> version,
                              ToLongFunction<? super T> uploadSequence) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(uploadSequence, "uploadSequence");
        // Whether a version fits costs more to find out than how two fitting ones rank, and a sort
        // compares each item about 2 log n times: so each item is looked at once, up front.
        List<Entry<T>> entries = new ArrayList<>(items.size());
        for (T item : items) {
            String v = Objects.requireNonNull(version.apply(item), "version");
            entries.add(new Entry<>(item, v, reason(v) == null, uploadSequence.applyAsLong(item)));
        }
        Comparator<Entry<T>> byVersion = this::compare;
        Comparator<Entry<T>> bySequence = Comparator.comparingLong(Entry::sequence);
        entries.sort(this == OPAQUE ? bySequence.thenComparing(byVersion) : byVersion.thenComparing(bySequence));
        List<T> sorted = new ArrayList<>(entries.size());
        for (Entry<T> entry : entries) {
            sorted.add(entry.item());
        }
        return sorted;
    }

    /** An item with what sorting needs to know about it, worked out once. */
    private record Entry<T>(T item, String version, boolean fits, long sequence) {}

    /** {@link #compare(String, String)} for versions whose fit is already known. */
    private int compare(Entry<?> a, Entry<?> b) {
        if (a.version().equals(b.version())) {
            return 0;
        }
        if (a.fits() != b.fits()) {
            return a.fits() ? 1 : -1;
        }
        int c = a.fits() ? rules.precedence(a.version(), b.version()) : 0;
        return c != 0 ? c : a.version().compareTo(b.version());
    }

    /**
     * The item that comes last in {@link #sorted} order, or empty when there are no items: the
     * highest version, or under {@link #OPAQUE} the latest upload.
     */
    public <T> Optional<T> latest(Collection<? extends T> items, Function<? super T, String> version,
                                  ToLongFunction<? super T> uploadSequence) {
        // The identity map widens Optional<? extends T> to Optional<T>.
        return items.stream().max(itemOrder(version, uploadSequence)).map(item -> item);
    }

    private <T> Comparator<T> itemOrder(Function<? super T, String> version,
                                        ToLongFunction<? super T> uploadSequence) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(uploadSequence, "uploadSequence");
        Comparator<T> byVersion = Comparator.comparing(version, comparator);
        Comparator<T> bySequence = Comparator.comparingLong(uploadSequence);
        return this == OPAQUE ? bySequence.thenComparing(byVersion) : byVersion.thenComparing(bySequence);
    }

    private int compare(String a, String b) {
        Objects.requireNonNull(a, "version");
        Objects.requireNonNull(b, "version");
        if (a.equals(b)) {
            return 0;
        }
        boolean aFits = reason(a) == null;
        boolean bFits = reason(b) == null;
        if (aFits != bFits) {
            return aFits ? 1 : -1;
        }
        int c = aFits ? rules.precedence(a, b) : 0;
        return c != 0 ? c : a.compareTo(b);
    }

    private String reason(String version) {
        String common = VersionText.commonProblem(version);
        return common != null ? common : rules.problem(version);
    }
}
