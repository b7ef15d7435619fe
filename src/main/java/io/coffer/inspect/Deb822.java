package io.coffer.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paragraph format of Debian control and machine-readable copyright files: "Field: value"
 * lines, continuation lines starting with a space or tab, paragraphs separated by blank lines.
 * Field names are matched without regard to case, as Debian policy says.
 */
final class Deb822 {

    private Deb822() {
    }

    /** One paragraph; keys are lower-cased field names, values keep their continuation lines. */
    record Paragraph(Map<String, String> fields) {

        /** The whole value of {@code field}, or null. */
        String get(String field) {
            return fields.get(field.toLowerCase(Locale.ROOT));
        }

        /** The first line of the value of {@code field} (the synopsis), or null. */
        String firstLine(String field) {
            String value = get(field);
            if (value == null) {
                return null;
            }
            int newline = value.indexOf('\n');
            return (newline < 0 ? value : value.substring(0, newline)).trim();
        }
    }

    /** Parses every paragraph of {@code text}; lines that are neither fields nor continuations are skipped. */
    static List<Paragraph> parse(String text) {
        List<Paragraph> paragraphs = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        String current = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    paragraphs.add(new Paragraph(fields));
                    fields = new LinkedHashMap<>();
                }
                current = null;
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current != null) {
                    fields.merge(current, "\n" + line.trim(), String::concat);
                }
            } else if (!line.startsWith("#")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    current = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    fields.put(current, line.substring(colon + 1).trim());
                } else {
                    current = null;
                }
            }
        }
        if (!fields.isEmpty()) {
            paragraphs.add(new Paragraph(fields));
        }
        return paragraphs;
    }
}
