package io.coffer.versions;

/**
 * RPM versions, {@code [epoch:]version[-release]}, ordered as rpm 4.18 orders them.
 *
 * <p>The epoch is the run of digits before a colon at the very start, the release follows the
 * last hyphen. Epochs compare as numbers, a missing one counting as 0. Versions and releases
 * compare with rpm's segment comparison ({@link #compareSegments}). A version without a release
 * ranks below the same version with any release, as rpm's own comparison of parsed versions does.
 *
 * <p>A version fits when its epoch fits rpm's 32 bits and its version and release are non-empty
 * and made of ASCII letters, digits and {@code . _ + ~ ^}, the characters rpmbuild accepts in the
 * Version and Release tags, less the macro characters.
 */
final class RpmRules implements SchemeRules {

    private static final String MAX_EPOCH = "4294967295";
    private static final String PUNCTUATION = "._+~^";

    // The kinds of token at one place in a text, in the order rpm ranks them.
    private static final int TILDE = 0;
    private static final int END = 1;
    private static final int CARET = 2;
    private static final int LETTERS = 3;
    private static final int DIGITS = 4;

    @Override
    public String problem(String version) {
        Parts parts = Parts.of(version);
        if (parts.epoch != null) {
            if (parts.epoch.isEmpty()) {
                return "the epoch before ':' is empty; expected a number such as 1";
            }
            if (VersionText.compareNumerals(parts.epoch, MAX_EPOCH) > 0) {
                return "the epoch " + parts.epoch + " is larger than " + MAX_EPOCH + ", the most rpm stores";
            }
        }
        if (parts.version.isEmpty()) {
            return "the version is empty; expected something like 1.4.2";
        }
        String problem = charactersProblem("version", parts.version);
        if (problem == null && parts.release != null) {
            if (parts.release.isEmpty()) {
                return "the release after the last '-' is empty";
            }
            problem = charactersProblem("release", parts.release);
        }
        return problem;
    }

    private static String charactersProblem(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!VersionText.isAsciiDigit(c) && !VersionText.isAsciiLetter(c) && PUNCTUATION.indexOf(c) < 0) {
                return "the " + what + " " + VersionText.quote(text) + " contains "
                        + VersionText.describe(text.codePointAt(i))
                        + "; expected only ASCII letters, digits and . _ + ~ ^";
            }
        }
        return null;
    }

    @Override
    public int precedence(String a, String b) {
        Parts x = Parts.of(a);
        Parts y = Parts.of(b);
        int c = compareSegments(orZero(x.epoch), orZero(y.epoch));
        if (c == 0) {
            c = compareSegments(x.version, y.version);
        }
        if (c != 0) {
            return c;
        }
        if (x.release == null || y.release == null) {
            // rpm ranks a missing release below every release, even one that starts with '~'.
            return Boolean.compare(x.release != null, y.release != null);
        }
        return compareSegments(x.release, y.release);
    }

    /**
     * rpm's comparison of two version or release texts. Both are read as a series of tokens:
     * runs of ASCII digits, runs of ASCII letters, '~' and '^'; every other character only
     * separates tokens. The series are compared token by token, where at any one place
     * <pre>  '~'  &lt;  end of text  &lt;  '^'  &lt;  letters  &lt;  digits</pre>
     * letters compare in ASCII order and digits as numbers of any length.
     */
    static int compareSegments(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (true) {
            i = skipSeparators(a, i);
            j = skipSeparators(b, j);
            int x = rank(a, i);
            int y = rank(b, j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            if (x == END) {
                return 0;
            }
            if (x == TILDE || x == CARET) {
                i++;
                j++;
                continue;
            }
            int aEnd = runEnd(a, i, x);
            int bEnd = runEnd(b, j, y);
            String s = a.substring(i, aEnd);
            String t = b.substring(j, bEnd);
            int c = x == DIGITS ? VersionText.compareNumerals(s, t) : Integer.signum(s.compareTo(t));
            if (c != 0) {
                return c;
            }
            i = aEnd;
            j = bEnd;
        }
    }

    private static int rank(String s, int i) {
        if (i >= s.length()) {
            return END;
        }
        char c = s.charAt(i);
        if (c == '~') {
            return TILDE;
        }
        if (c == '^') {
            return CARET;
        }
        return VersionText.isAsciiDigit(c) ? DIGITS : LETTERS;
    }

    private static int skipSeparators(String s, int from) {
        int i = from;
        while (i < s.length() && isSeparator(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return !VersionText.isAsciiDigit(c) && !VersionText.isAsciiLetter(c) && c != '~' && c != '^';
    }

    private static int runEnd(String s, int from, int kind) {
        int i = from;
        while (i < s.length() && (kind == DIGITS
                ? VersionText.isAsciiDigit(s.charAt(i)) : VersionText.isAsciiLetter(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    /** rpm reads a missing epoch, and an empty one, as 0. */
    private static String orZero(String epoch) {
        return epoch == null || epoch.isEmpty() ? "0" : epoch;
    }

    /** A version split into its parts; the epoch and release are null when absent. */
    private record Parts(String epoch, String version, String release) {

        static Parts of(String text) {
            int digits = 0;
            while (digits < text.length() && VersionText.isAsciiDigit(text.charAt(digits))) {
                digits++;
            }
            boolean hasEpoch = digits < text.length() && text.charAt(digits) == ':';
            String epoch = hasEpoch ? text.substring(0, digits) : null;
            String rest = hasEpoch ? text.substring(digits + 1) : text;
            int dash = rest.lastIndexOf('-');
            String version = dash < 0 ? rest : rest.substring(0, dash);
            String release = dash < 0 ? null : rest.substring(dash + 1);
            return new Parts(epoch, version, release);
        }
    }
}
