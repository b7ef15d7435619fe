package io.coffer.versions;

/**
 * Debian package versions, {@code [epoch:]upstream_version[-debian_revision]}, as Debian Policy
 * section 5.6.12 describes them and as {@code dpkg --compare-versions} orders them.
 *
 * <p>The epoch ends at the first colon and the revision starts after the last hyphen. A missing
 * epoch counts as 0 and a missing revision as empty. Upstream version and revision are compared
 * the same way: alternately a run of non-digits, character by character, where '~' ranks below
 * everything (even the end of the text), letters below other characters; then a run of digits,
 * compared as a number of any length.
 */
final class DebianRules implements SchemeRules {

    /** dpkg stores epochs in a C int and refuses larger ones. */
    private static final String MAX_EPOCH = "2147483647";

    @Override
    public String problem(String version) {
        Parts parts = Parts.of(version);
        if (parts.epoch != null) {
            if (parts.epoch.isEmpty()) {
                return "the epoch before ':' is empty; expected a number such as 1";
            }
            if (!VersionText.isAsciiDigits(parts.epoch)) {
                return "the epoch " + VersionText.quote(parts.epoch) + " is not a number";
            }
            if (VersionText.compareNumerals(parts.epoch, MAX_EPOCH) > 0) {
                return "the epoch " + parts.epoch + " is larger than " + MAX_EPOCH + ", the most dpkg accepts";
            }
        }
        if (parts.upstream.isEmpty()) {
            return "the upstream version is empty";
        }
        if (!VersionText.isAsciiDigit(parts.upstream.charAt(0))) {
            return "the upstream version " + VersionText.quote(parts.upstream) + " does not start with a digit";
        }
        String problem = charactersProblem("upstream version", parts.upstream, ".+~-");
        if (problem == null && parts.revision != null) {
            if (parts.revision.isEmpty()) {
                return "the Debian revision after the last '-' is empty";
            }
            problem = charactersProblem("Debian revision", parts.revision, ".+~");
        }
        return problem;
    }

    private static String charactersProblem(String what, String text, String punctuation) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!VersionText.isAsciiDigit(c) && !VersionText.isAsciiLetter(c) && punctuation.indexOf(c) < 0) {
                return "the " + what + " " + VersionText.quote(text) + " contains "
                        + VersionText.describe(text.codePointAt(i)) + "; expected only ASCII letters, digits and "
                        + String.join(" ", punctuation.split(""));
            }
        }
        return null;
    }

    @Override
    public int precedence(String a, String b) {
        Parts x = Parts.of(a);
        Parts y = Parts.of(b);
        int c = VersionText.compareNumerals(orZero(x.epoch), orZero(y.epoch));
        if (c == 0) {
            c = compareParts(x.upstream, y.upstream);
        }
        if (c == 0) {
            c = compareParts(orEmpty(x.revision), orEmpty(y.revision));
        }
        return c;
    }

    /** Compares two upstream versions or two revisions. */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (isTextAt(a, i) || isTextAt(b, j)) {
                int c = Integer.compare(weight(a, i), weight(b, j));
                if (c != 0) {
                    return c;
                }
                // Equal weights outside a digit run mean the same character on both sides.
                i++;
                j++;
            }
            int aEnd = digitsEnd(a, i);
            int bEnd = digitsEnd(b, j);
            int c = VersionText.compareNumerals(a.substring(i, aEnd), b.substring(j, bEnd));
            if (c != 0) {
                return c;
            }
            i = aEnd;
            j = bEnd;
        }
        return 0;
    }

    private static boolean isTextAt(String s, int i) {
        return i < s.length() && !VersionText.isAsciiDigit(s.charAt(i));
    }

    /** The rank of the character at {@code i}: the end of the text and digits rank as 0. */
    private static int weight(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (VersionText.isAsciiDigit(c)) {
            return 0;
        }
        if (VersionText.isAsciiLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && VersionText.isAsciiDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String orZero(String epoch) {
        return epoch == null ? "0" : epoch;
    }

    private static String orEmpty(String revision) {
        return revision == null ? "" : revision;
    }

    /** A version split into its parts; the epoch and revision are null when absent. */
    private record Parts(String epoch, String upstream, String revision) {

        static Parts of(String version) {
            int colon = version.indexOf(':');
            String epoch = colon < 0 ? null : version.substring(0, colon);
            String rest = version.substring(colon + 1);
            int dash = rest.lastIndexOf('-');
            String upstream = dash < 0 ? rest : rest.substring(0, dash);
            String revision = dash < 0 ? null : rest.substring(dash + 1);
            return new Parts(epoch, upstream, revision);
        }
    }
}
