package io.coffer.auth;

import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * A user or token request with a value Coffer cannot accept: a bad user name or token label, no
 * roles, an expiry that cannot be read or has passed. {@link #type()} names which.
 */
public final class InvalidAccountException extends CofferException {

    private final String type;

    InvalidAccountException(String type, String message) {
        super(Failure.INVALID, message);
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }
}
