package io.coffer.library;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * What the library accepts as file, product and supplier names. Names end up in paths, URLs,
 * terminals and audit reports, so anything that could steer a path or a terminal is refused:
 * separators, {@code .} and {@code ..}, control characters (including terminal escapes and
 * Unicode line separators) and overlong names. Spaces and non-ASCII letters are fine. Names are
 * kept in Unicode NFC so that the same name typed on two systems is the same name.
 */
public final class Names {

    /** Most file systems stop at 255 bytes per name. */
    static final int MAX_BYTES = 255;

    private Names() {}

    /** A file name: one path segment. Returns it in NFC; throws {@link InvalidNameException}. */
    public static String fileName(String raw) {
        String name = common("file name", raw);
        if (name.contains("/") || name.contains("\\")) {
            throw new InvalidNameException("file name '" + printable(name)
                    + "' contains a path separator; give the bare file name");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidNameException("file name '" + name + "' is not a file name");
        }
        return name;
    }

    /** A product name, e.g. {@code nginx} or {@code org.slf4j:slf4j-api}. */
    public static String productName(String raw) {
        String name = common("product name", raw);
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new InvalidNameException("product name '" + printable(name)
                    + "' may not contain '/' or '\\' or be '.' or '..'");
        }
        if (!name.equals(name.strip())) {
            throw new InvalidNameException("product name '" + printable(name)
                    + "' starts or ends with white space");
        }
        return name;
    }

    /**
     * A version string, before its product's scheme has its say: one path segment without white
     * space at either end, and not {@code latest}, which the API and CLI use for the newest version.
     */
    public static String version(String raw) {
        String version = common("version", raw);
        if (!version.equals(version.strip())) {
            throw new InvalidNameException("version '" + printable(version) + "' starts or ends with white space");
        }
        if (version.contains("/") || version.contains("\\") || version.equals(".") || version.equals("..")) {
            throw new InvalidNameException("version '" + printable(version)
                    + "' may not contain '/' or '\\' or be '.' or '..'");
        }
        if (version.equalsIgnoreCase("latest")) {
            throw new InvalidNameException("version 'latest' is reserved: it names a product's newest version");
        }
        return version;
    }

    /** Free text such as a supplier, a licence or a location: no control characters, bounded. */
    public static String text(String what, String raw, int maxChars) {
        if (raw == null) {
            return null;
        }
        String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxChars) {
            throw new InvalidNameException(what + " is " + text.length() + " characters long; at most " + maxChars
                    + " are allowed");
        }
        checkEncoding(what, text);
        int bad = firstControl(text);
        if (bad >= 0) {
            throw new InvalidNameException(what + " '" + printable(text) + "' contains the control character U+"
                    + String.format("%04X", text.codePointAt(bad)) + " at position " + bad);
        }
        return text;
    }

    private static String common(String what, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidNameException(what + " is empty");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (name.isBlank()) {
            throw new InvalidNameException(what + " is blank");
        }
        checkEncoding(what, name);
        int bad = firstControl(name);
        if (bad >= 0) {
            throw new InvalidNameException(what + " '" + printable(name) + "' contains the control character U+"
                    + String.format("%04X", name.codePointAt(bad)) + " at position " + bad);
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidNameException(what + " '" + printable(name.substring(0, 40)) + "...' is " + bytes
                    + " bytes long in UTF-8; at most " + MAX_BYTES + " are allowed");
        }
        return name;
    }

    /**
     * Refuses the replacement character, which stands where bytes were not valid UTF-8, and unpaired
     * surrogates, which are not characters at all: a name is stored as it was meant or not at all.
     */
    private static void checkEncoding(String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD') {
                throw new InvalidNameException(what + " '" + printable(s) + "' contains U+FFFD at position " + i
                        + ": it was not valid UTF-8");
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                throw new InvalidNameException(what + " contains an unpaired UTF-16 surrogate at position " + i);
            }
        }
    }

    /**
     * Index of the first control, format (other than the zero-width joiner of emoji sequences) or
     * line-separating character in {@code s}, or -1.
     */
    public static int firstControl(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT && cp != 0x200D) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** The name with control characters shown as {@code \\uXXXX}, safe to print in messages. */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
