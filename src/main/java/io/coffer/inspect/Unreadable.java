package io.coffer.inspect;

import io.coffer.CofferException;
import io.coffer.Failure;
import java.io.EOFException;

/**
 * Raised inside the package when uploaded content cannot be read as the format it claims. It never
 * leaves {@link Inspector}, which turns it into {@link Inspection#problem()}. The message is the
 * reason alone, such as "control.tar.xz is truncated"; the inspector adds the file name and format.
 */
final class Unreadable extends CofferException {

    /** Why the content could not be read; each kind is phrased differently for the user. */
    enum Kind {
        /** The bytes break the format. */
        MALFORMED,
        /** The content asks for more than a {@link Limits} allows. */
        TOO_LARGE,
        /** The content is well formed but uses a feature this server cannot read. */
        UNSUPPORTED
    }

    private final Kind kind;

    private Unreadable(Kind kind, String reason) {
        this(kind, reason, null);
    }

    private Unreadable(Kind kind, String reason, Throwable cause) {
        super(Failure.INVALID, reason, cause);
        this.kind = kind;
    }

    static Unreadable malformed(String reason) {
        return new Unreadable(Kind.MALFORMED, reason);
    }

    static Unreadable tooLarge(String reason) {
        return new Unreadable(Kind.TOO_LARGE, reason);
    }

    static Unreadable unsupported(String reason) {
        return new Unreadable(Kind.UNSUPPORTED, reason);
    }

    /**
     * A MALFORMED failure saying that {@code what} is damaged, for an exception a decoder or parser
     * threw on bad content.
     */
    static Unreadable damaged(String what, Exception cause) {
        return new Unreadable(Kind.MALFORMED, what + " is damaged: " + describe(cause), cause);
    }

    /** One line saying what went wrong, for exceptions whose message may be missing or multi-line. */
    static String describe(Throwable e) {
        if (e instanceof EOFException) {
            return "it ends before its data does";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }

    Kind kind() {
        return kind;
    }
}
