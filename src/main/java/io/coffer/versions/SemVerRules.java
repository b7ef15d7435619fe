package io.coffer.versions;

import java.util.List;

/**
 * Semantic Versioning 2.0.0: {@code MAJOR.MINOR.PATCH[-PRE.RELEASE][+BUILD.METADATA]}.
 *
 * <p>Numbers have no leading zeros and may be of any length; they are compared as numbers, never
 * parsed into a machine integer. A version with a pre-release ranks below the same version
 * without one. Pre-release identifiers are compared one by one: numeric ones as numbers, others
 * in ASCII order, numeric below alphanumeric, and a longer list above its own prefix. Build
 * metadata plays no part in precedence.
 */
final class SemVerRules implements SchemeRules {

    private static final String EXPECTED = "expected MAJOR.MINOR.PATCH such as 1.4.2";
    private static final String[] CORE_NAMES = {"MAJOR", "MINOR", "PATCH"};

    @Override
    public String problem(String version) {
        if (version.length() > 1 && (version.charAt(0) == 'v' || version.charAt(0) == 'V')
                && VersionText.isAsciiDigit(version.charAt(1))) {
            return "the leading '" + version.charAt(0) + "' is not part of a version; " + EXPECTED;
        }
        Parts parts = Parts.of(version);
        String problem = coreProblem(parts.core);
        if (problem == null && parts.preRelease != null) {
            problem = identifiersProblem("pre-release", parts.preRelease, true);
        }
        if (problem == null && parts.build != null) {
            problem = identifiersProblem("build metadata", parts.build, false);
        }
        return problem;
    }

    private static String coreProblem(String core) {
        List<String> numbers = split(core);
        if (numbers.size() != 3) {
            return EXPECTED;
        }
        for (int i = 0; i < 3; i++) {
            String number = numbers.get(i);
            if (number.isEmpty()) {
                return CORE_NAMES[i] + " is empty; " + EXPECTED;
            }
            if (!VersionText.isAsciiDigits(number)) {
                return CORE_NAMES[i] + " " + VersionText.quote(number) + " is not a number; " + EXPECTED;
            }
            if (number.length() > 1 && number.charAt(0) == '0') {
                return CORE_NAMES[i] + " " + VersionText.quote(number) + " has a leading zero";
            }
        }
        return null;
    }

    private static String identifiersProblem(String what, String dotted, boolean numbersWithoutZeros) {
        for (String identifier : split(dotted)) {
            if (identifier.isEmpty()) {
                return "the " + what + " has an empty identifier";
            }
            for (int i = 0; i < identifier.length(); i++) {
                char c = identifier.charAt(i);
                if (!VersionText.isAsciiDigit(c) && !VersionText.isAsciiLetter(c) && c != '-') {
                    return "the " + what + " identifier " + VersionText.quote(identifier) + " contains "
                            + VersionText.describe(identifier.codePointAt(i))
                            + "; expected only ASCII letters, digits and '-'";
                }
            }
            if (numbersWithoutZeros && identifier.length() > 1 && identifier.charAt(0) == '0'
                    && VersionText.isAsciiDigits(identifier)) {
                return "the numeric " + what + " identifier " + VersionText.quote(identifier)
                        + " has a leading zero";
            }
        }
        return null;
    }

    @Override
    public int precedence(String a, String b) {
        Parts x = Parts.of(a);
        Parts y = Parts.of(b);
        List<String> xCore = split(x.core);
        List<String> yCore = split(y.core);
        for (int i = 0; i < 3; i++) {
            int c = VersionText.compareNumerals(xCore.get(i), yCore.get(i));
            if (c != 0) {
                return c;
            }
        }
        if (x.preRelease == null || y.preRelease == null) {
            // A pre-release comes before the release it leads up to.
            return Boolean.compare(x.preRelease == null, y.preRelease == null);
        }
        return comparePreReleases(split(x.preRelease), split(y.preRelease));
    }

    private static int comparePreReleases(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = compareIdentifiers(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean aNumeric = VersionText.isAsciiDigits(a);
        boolean bNumeric = VersionText.isAsciiDigits(b);
        if (aNumeric && bNumeric) {
            return VersionText.compareNumerals(a, b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    /** Splits on every dot, keeping empty pieces so that "1..2" and "1.2." are seen as broken. */
    private static List<String> split(String dotted) {
        return List.of(dotted.split("\\.", -1));
    }

    /** The three parts of a version; the pre-release and build are null when absent. */
    private record Parts(String core, String preRelease, String build) {

        static Parts of(String version) {
            // The build starts at the first '+'; the pre-release at the first '-' before it,
            // since identifiers of both may themselves contain '-'.
            int plus = version.indexOf('+');
            String build = plus < 0 ? null : version.substring(plus + 1);
            String rest = plus < 0 ? version : version.substring(0, plus);
            int dash = rest.indexOf('-');
            String preRelease = dash < 0 ? null : rest.substring(dash + 1);
            String core = dash < 0 ? rest : rest.substring(0, dash);
            return new Parts(core, preRelease, build);
        }
    }
}
