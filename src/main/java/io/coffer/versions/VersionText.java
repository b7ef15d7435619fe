package io.coffer.versions;

/**
 * The checks every scheme shares, and the quoting of a version inside a message. A version that
 * passes {@link #commonProblem} is non-empty, at most {@link #MAX_LENGTH} code points long, well
 * formed UTF-16 and free of control characters, so the scheme rules never see such text.
 */
final class VersionText {

    /** The most code points a version may have; the catalogue stores versions in 255 characters. */
    static final int MAX_LENGTH = 255;

    /** How many code points of an offending value a message shows before cutting it short. */
    private static final int SHOWN = 60;

    private VersionText() {
    }

    /** Why the text can be no version of any scheme, or null when it passes the shared checks. */
    static String commonProblem(String text) {
        if (text.isEmpty()) {
            return "it is empty";
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            return "it is " + length + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        for (int i = 0, position = 1; i < text.length(); position++) {
            int c = text.codePointAt(i);
            if (Character.isISOControl(c)) {
                return "it contains the control character " + unicode(c) + " at position " + position;
            }
            if (isSurrogate(c)) {
                return "it contains the unpaired surrogate " + unicode(c) + " at position " + position;
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /**
     * The text in single quotes, fit for a one-line message: control characters and unpaired
     * surrogates appear as a backslash, 'u' and four hex digits, as in Java source, and text longer
     * than {@value #SHOWN} code points is cut short with "...".
     */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < text.length(); shown++) {
            if (shown == SHOWN) {
                quoted.append("...");
                break;
            }
            int c = text.codePointAt(i);
            if (Character.isISOControl(c) || isSurrogate(c)) {
                quoted.append(String.format("\\u%04X", c));
            } else {
                quoted.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return quoted.append('\'').toString();
    }

    /** A character named for a message, such as {@code ':'} or {@code U+00A0}. */
    static String describe(int c) {
        if (c > ' ' && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return unicode(c);
    }

    private static boolean isSurrogate(int codePoint) {
        // codePointAt returns a lone surrogate as itself; a cast to char would also catch
        // supplementary code points whose low 16 bits fall into the surrogate range.
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    private static String unicode(int c) {
        return String.format("U+%04X", c);
    }

    /** The 1-based position, in code points, of the character at index {@code index}. */
    static int position(String text, int index) {
        return text.codePointCount(0, index) + 1;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares two runs of ASCII digits by the numbers they spell, however long: leading zeros
     * count for nothing, and an empty run counts as zero.
     */
    static int compareNumerals(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        return Integer.signum(x.compareTo(y));
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
