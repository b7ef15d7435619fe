package io.coffer;

import java.util.Objects;

/**
 * The root of every failure Coffer reports on purpose. Each subclass names one case and carries
 * the values that identify it; {@link #failure()} says which broad kind of failure it is, which the
 * HTTP layer turns into a status code and the CLI into an exit code. Messages say what was
 * attempted, the offending value and what was expected.
 */
public class CofferException extends RuntimeException {

    private final Failure failure;

    public CofferException(Failure failure, String message) {
        this(failure, message, null);
    }

    public CofferException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The kind of failure; never null. */
    public Failure failure() {
        return failure;
    }

    /** A short, stable slug for this case, used in problem type URIs. Subclasses may refine it. */
    public String type() {
        return failure.slug();
    }
}
