package io.coffer.release.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns user text into Markdown that renders as that same text, never as markup: no HTML, no
 * links, no emphasis, no table cells of its own, no headings or lists. CommonMark lets any ASCII
 * punctuation be escaped with a backslash; the characters escaped here are those that can start or
 * end markup anywhere in a line (plus {@code |} for GitHub tables and {@code $} for GitHub maths),
 * and the few that matter only at the start of a line are escaped there.
 */
final class Markdown {

    private static final String ALWAYS = "\\`*_{}[]<>()#!|~&$";
    /** A line starting with digits then '.' or ')' would begin an ordered list. */
    private static final Pattern ORDERED = Pattern.compile("(\\d{1,9})([.)])(.*)", Pattern.DOTALL);

    private Markdown() {}

    /**
     * The text on one line, for a heading or a table cell: line breaks and other control
     * characters become spaces. Null gives an empty string.
     */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        String flat = text.replace("\r\n", " ");
        for (int i = 0; i < flat.length(); ) {
            int c = flat.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c)) {
                b.append(' ');
            } else {
                if (c < 128 && ALWAYS.indexOf(c) >= 0) {
                    b.append('\\');
                }
                b.appendCodePoint(c);
            }
        }
        return b.toString();
    }

    /**
     * The text as paragraphs: blank lines separate paragraphs, the other line breaks are kept as
     * hard breaks, leading blanks are dropped (they would make code blocks), and nothing in it is
     * read as markup. Null or blank text gives an empty list.
     */
    static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        if (text == null) {
            return paragraphs;
        }
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\r\\n|\\r|\\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                flush(paragraphs, current);
                continue;
            }
            if (!current.isEmpty()) {
                // A backslash before the line break is CommonMark's hard line break.
                current.append("\\\n");
            }
            current.append(lineStart(inline(stripped)));
        }
        flush(paragraphs, current);
        return paragraphs;
    }

    /** The text for a table cell: as {@link #inline}, and a dash for nothing, so no cell is empty. */
    static String cell(String text) {
        return text == null || text.isBlank() ? "-" : inline(text);
    }

    private static String lineStart(String line) {
        char first = line.charAt(0);
        if (first == '-' || first == '+' || first == '=') {
            return "\\" + line;
        }
        var ordered = ORDERED.matcher(line);
        if (ordered.matches()) {
            return ordered.group(1) + "\\" + ordered.group(2) + ordered.group(3);
        }
        return line;
    }

    private static void flush(List<String> paragraphs, StringBuilder current) {
        if (!current.isEmpty()) {
            paragraphs.add(current.toString());
            current.setLength(0);
        }
    }
}
