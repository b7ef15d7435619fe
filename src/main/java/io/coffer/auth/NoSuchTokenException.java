package io.coffer.auth;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A token id was named that the library does not have. */
public final class NoSuchTokenException extends CofferException {

    private final long id;

    NoSuchTokenException(long id) {
        super(Failure.NOT_FOUND, "no token " + id + "; 'coffer token ls' lists the tokens");
        this.id = id;
    }

    public long id() {
        return id;
    }

    @Override
    public String type() {
        return "no-such-token";
    }
}
