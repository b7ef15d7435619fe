package io.coffer.release.export;

/**
 * RFC 5545 content lines: each ends with CRLF, and one longer than 75 octets of UTF-8 is folded,
 * the rest going on continuation lines that start with a space. Folds fall between characters,
 * never inside one, so no UTF-8 sequence or surrogate pair is split.
 */
final class ContentLines {

    static final int MAX_OCTETS = 75;

    private final StringBuilder text = new StringBuilder();

    /** Adds a property whose value is already in iCalendar form, e.g. a date-time. */
    ContentLines raw(String name, String value) {
        return line(name + ":" + value);
    }

    /** Adds a TEXT property, escaping its value. */
    ContentLines text(String name, String value) {
        return line(name + ":" + escape(value));
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /**
     * The TEXT value escaped as RFC 5545 section 3.3.11 asks: backslash, semicolon and comma get a
     * backslash, a line break becomes {@code \n}; other control characters, which TEXT may not
     * hold, become spaces.
     */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        String s = value.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case ';' -> b.append("\\;");
                case ',' -> b.append("\\,");
                case '\n' -> b.append("\\n");
                default -> b.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    private ContentLines line(String line) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = utf8Length(cp);
            if (octets + size > limit) {
                text.append("\r\n ");
                // The leading space of a continuation line counts toward its 75 octets.
                octets = 1;
            }
            text.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        text.append("\r\n");
        return this;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
