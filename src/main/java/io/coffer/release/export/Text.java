package io.coffer.release.export;

/** Quoting of offending values inside messages. */
final class Text {

    /** How many code points of an offending value a message shows before cutting it short. */
    private static final int SHOWN = 60;

    private Text() {}

    /**
     * The text in single quotes, on one line: control characters appear as {@code \}{@code uXXXX},
     * and text longer than {@value #SHOWN} code points is cut short with "...". Null gives "null".
     */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < text.length(); shown++) {
            if (shown == SHOWN) {
                quoted.append("...");
                break;
            }
            int c = text.codePointAt(i);
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04X", c));
            } else {
                quoted.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return quoted.append('\'').toString();
    }
}
