package io.coffer.store;

import io.coffer.CofferException;
import io.coffer.Failure;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A SHA-256 digest, the name of a master copy in the physical store. Always 64 lower-case hex
 * characters.
 */
public record Digest(String hex) implements Comparable<Digest> {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new CofferException(Failure.INVALID,
                    "SHA-256 digest '" + abbreviate(hex) + "' is not 64 hexadecimal characters");
        }
    }

    /** Parses hex in either case; throws {@link CofferException} (INVALID) otherwise. */
    public static Digest ofHex(String hex) {
        return new Digest(hex == null ? null : hex.trim().toLowerCase(Locale.ROOT));
    }

    /** Wraps the 32 raw bytes of a SHA-256 digest. */
    public static Digest ofBytes(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + raw.length);
        }
        return new Digest(HexFormat.of().formatHex(raw));
    }

    /** Parses the base64 form used by RFC 9530 {@code Content-Digest: sha-256=:...:} fields. */
    public static Digest ofBase64(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new CofferException(Failure.INVALID, "SHA-256 digest '" + abbreviate(base64)
                    + "' is not valid base64", e);
        }
        if (raw.length != 32) {
            throw new CofferException(Failure.INVALID, "SHA-256 digest '" + abbreviate(base64)
                    + "' decodes to " + raw.length + " bytes, expected 32");
        }
        return ofBytes(raw);
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes());
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
