package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A version that the product does not have was named. */
public final class NoSuchVersionException extends CofferException {

    public NoSuchVersionException(String message) {
        super(Failure.NOT_FOUND, message);
    }

    @Override
    public String type() {
        return "no-such-version";
    }
}
