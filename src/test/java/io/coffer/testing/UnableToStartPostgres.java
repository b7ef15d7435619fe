package io.coffer.testing;

/**
 * A test PostgreSQL server could not be made ready: its binaries could not be found or unpacked, initdb
 * failed, or the server did not accept connections in time. The message names the command that was run and,
 * where there is one, ends with the tail of the server's log.
 */
public final class UnableToStartPostgres extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a message that says what was attempted and what went wrong. */
    public UnableToStartPostgres(String message) {
        super(message);
    }

    /** A failure with a message that says what was attempted, and the exception that caused it. */
    public UnableToStartPostgres(String message, Throwable cause) {
        super(message, cause);
    }
}
