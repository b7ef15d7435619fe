package io.coffer.release;

import io.coffer.library.InvalidRequestException;
import io.coffer.library.Names;
import java.text.Normalizer;

/** What the release programme accepts as free text: notes and plans over many lines, names on one. */
final class Texts {

    /** The longest notes, back-out plan, review or comment accepted, in characters. */
    static final int MAX_LONG = 64 * 1024;

    private Texts() {}

    /** A one-line text such as a title or an owner; null or blank gives null. */
    static String line(String what, String raw, int max) {
        return Names.text(what, raw, max);
    }

    /** A required one-line text. */
    static String requiredLine(String what, String raw, int max) {
        String s = line(what, raw, max);
        if (s == null) {
            throw new InvalidRequestException(what + " is required");
        }
        return s;
    }

    /**
     * Text over several lines: line breaks and tabs are kept, other control characters (terminal
     * escapes included) are refused. Null or blank gives null.
     */
    static String multiline(String what, String raw, int max) {
        if (raw == null) {
            return null;
        }
        String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).replace("\r\n", "\n");
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            throw new InvalidRequestException(what + " is " + text.length() + " characters long; at most " + max
                    + " are allowed");
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean allowed = cp == '\n' || cp == '\t';
            int type = Character.getType(cp);
            if (!allowed && (Character.isISOControl(cp) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR)) {
                throw new InvalidRequestException(what + " contains the control character U+"
                        + String.format("%04X", cp) + " at position " + i + "; only line breaks and tabs are kept");
            }
            i += Character.charCount(cp);
        }
        return text;
    }

    /** A required multi-line text. */
    static String requiredMultiline(String what, String raw, int max) {
        String s = multiline(what, raw, max);
        if (s == null) {
            throw new InvalidRequestException(what + " is required");
        }
        return s;
    }
}
