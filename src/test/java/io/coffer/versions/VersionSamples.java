package io.coffer.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generators of version strings. They draw from small pools of pieces so that generated versions
 * often share prefixes and differ only where orderings go wrong: a trailing '~' or '^', a leading
 * zero, an extra ".0", letters against digits, digit runs far beyond 64 bits.
 */
final class VersionSamples {

    private static final String[] LETTERS = {"a", "b", "z", "A", "Z", "rc", "alpha", "beta", "git", "pre"};
    private static final String[] DEBIAN_SUFFIXES = {"~", "~~", "~a", ".0", "0", "+", "+1", "a", "A", "1", ".", "~1"};
    private static final String[] RPM_SUFFIXES = {"~", "^", "~1", "^1", ".0", "0", "_", "+", "a", "A", "1", ".", "^~"};

    private VersionSamples() {
    }

    /** Runs of digits: small numbers, leading zeros, and now and then a run of 18 to 40 digits. */
    static String digits(Random random) {
        if (random.nextInt(7) == 0) {
            return numeric(random, 18 + random.nextInt(23));
        }
        return pick(random, "0", "1", "2", "9", "10", "11", "00", "01", "010");
    }

    /** Valid Debian versions, with and without epochs and revisions. */
    static String debian(Random random) {
        String epoch = pick(random, "", "", "", "0:", "1:", "2:", "00:", "01:", "10:", "2147483647:");
        String upstream = digits(random) + pieces(random, 6, ".", "+", "~", "~~");
        if (random.nextBoolean()) {
            return epoch + upstream;
        }
        if (random.nextInt(3) == 0) {
            upstream = upstream + "-" + pieces(random, 3, ".", "+", "~");
        }
        String revision = "";
        while (revision.isEmpty()) {
            revision = pieces(random, 4, ".", "+", "~", "~~");
        }
        return epoch + upstream + "-" + revision;
    }

    /** Valid RPM versions, with and without epochs and releases, using '~' and '^'. */
    static String rpm(Random random) {
        String epoch = pick(random, "", "", "", "0:", "1:", "2:", "00:", "01:", "10:", "4294967295:");
        String version = rpmPart(random);
        return switch (random.nextInt(3)) {
            case 0 -> epoch + version;
            case 1 -> epoch + version + "-" + rpmPart(random);
            default -> epoch + version + "-" + pick(random, "~", "^", "_1", "+", ".", "~rc");
        };
    }

    private static String rpmPart(Random random) {
        String start = random.nextBoolean() ? digits(random) : pick(random, LETTERS);
        return start + pieces(random, 6, ".", "_", "+", "~", "^", "~~");
    }

    /** Valid SemVer 2.0 versions. */
    static String semver(Random random) {
        StringBuilder version = new StringBuilder()
                .append(semverNumber(random)).append('.').append(semverNumber(random)).append('.')
                .append(semverNumber(random));
        if (random.nextBoolean()) {
            version.append('-');
            int identifiers = 1 + random.nextInt(3);
            for (int i = 0; i < identifiers; i++) {
                version.append(i > 0 ? "." : "").append(random.nextBoolean()
                        ? semverNumber(random) : pick(random, "alpha", "beta", "rc", "a-b", "-", "0a", "RC"));
            }
        }
        if (random.nextInt(3) == 0) {
            version.append(pick(random, "+1", "+001", "+build.5", "+x-y"));
        }
        return version.toString();
    }

    private static String semverNumber(Random random) {
        if (random.nextInt(8) == 0) {
            return "1" + numeric(random, 18 + random.nextInt(12));
        }
        return pick(random, "0", "1", "2", "10", "11");
    }

    /** Valid calendar versions. */
    static String calendar(Random random) {
        String year = pick(random, "2023", "2024", "24", "23", "1999", "99");
        if (random.nextInt(4) == 0) {
            return year;
        }
        StringBuilder version = new StringBuilder(year).append(pick(random, ".", "-"))
                .append(pick(random, "1", "01", "4", "04", "10", "12"));
        int more = random.nextInt(3);
        for (int i = 0; i < more; i++) {
            version.append(pick(random, ".", "-")).append(digits(random));
        }
        return version.toString();
    }

    /** Maven-looking versions: numbers and the qualifiers Maven knows, mixed with '.', '-' and '_'. */
    static String maven(Random random) {
        StringBuilder version = new StringBuilder();
        int pieces = 1 + random.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            version.append(switch (random.nextInt(3)) {
                case 0 -> digits(random);
                case 1 -> pick(random, "alpha", "a", "beta", "b", "milestone", "m", "rc", "cr", "SNAPSHOT",
                        "snapshot", "ga", "final", "release", "sp", "x", "foo", "ALPHA");
                default -> pick(random, ".", "-", "_", ".", "-");
            });
        }
        return version.toString();
    }

    /**
     * Strings of any kind: empty, over-long, with control characters and unpaired surrogates,
     * strings of version characters that may or may not fit a scheme, and versions of each scheme.
     */
    static String anything(Random random) {
        return switch (random.nextInt(16)) {
            case 0, 1, 2, 3 -> fromChars(random, "0123456789.-+~^:_aAbzZ vV\u00e9", random.nextInt(21));
            case 4, 5 -> anyChars(random, random.nextInt(13));
            case 6 -> fromChars(random, "1.", 250 + random.nextInt(11));
            case 7, 8 -> debian(random);
            case 9, 10 -> rpm(random);
            case 11 -> semver(random);
            case 12, 13 -> calendar(random);
            default -> maven(random);
        };
    }

    /** Up to {@code max} strings from {@code generator}. */
    static List<String> list(Random random, int max, Function<Random, String> generator) {
        int size = random.nextInt(max + 1);
        List<String> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(generator.apply(random));
        }
        return list;
    }

    /** Debian versions in pairs: each base version, then the same version with a suffix. */
    static List<String> debianFamilies(Random random, int pairs) {
        return families(random, pairs, VersionSamples::debian, DEBIAN_SUFFIXES);
    }

    /** RPM versions in pairs: each base version, then the same version with a suffix. */
    static List<String> rpmFamilies(Random random, int pairs) {
        return families(random, pairs, VersionSamples::rpm, RPM_SUFFIXES);
    }

    private static List<String> families(Random random, int pairs, Function<Random, String> base, String[] suffixes) {
        List<String> versions = new ArrayList<>(2 * pairs);
        for (int i = 0; i < pairs; i++) {
            String version = base.apply(random);
            versions.add(version);
            // A version without revision or release against the same one with, such as 1.0 and 1.0-0.
            boolean addRelease = version.indexOf('-') < 0 && random.nextInt(4) == 0;
            versions.add(version + (addRelease ? pick(random, "-0", "-1", "-~", "-a") : pick(random, suffixes)));
        }
        return versions;
    }

    /** Text of the given length made of the given characters. */
    static String fromChars(Random random, String chars, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }

    /** Text of any UTF-16 code units, controls and lone surrogates included, with a bias to ASCII. */
    private static String anyChars(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(Character.MAX_VALUE + 1)));
        }
        return text.toString();
    }

    private static String pieces(Random random, int max, String... punctuation) {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(max + 1);
        for (int i = 0; i < count; i++) {
            text.append(switch (random.nextInt(3)) {
                case 0 -> digits(random);
                case 1 -> pick(random, LETTERS);
                default -> pick(random, punctuation);
            });
        }
        return text.toString();
    }

    private static String numeric(Random random, int length) {
        return fromChars(random, "0123456789", length);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
