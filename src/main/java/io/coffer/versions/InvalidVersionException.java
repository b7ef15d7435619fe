package io.coffer.versions;

import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * A version was refused because it does not fit its product's {@link VersionScheme}. The failure
 * is always {@link Failure#INVALID}; the message quotes the version and says what was expected.
 */
public final class InvalidVersionException extends CofferException {

    private final VersionScheme scheme;
    private final String version;

    InvalidVersionException(VersionScheme scheme, String version, String message) {
        super(Failure.INVALID, message);
        this.scheme = scheme;
        this.version = version;
    }

    /** The scheme the version was checked against. */
    public VersionScheme scheme() {
        return scheme;
    }

    /** The refused version exactly as given; null when none was given. */
    public String version() {
        return version;
    }

    @Override
    public String type() {
        return "invalid-version";
    }
}
