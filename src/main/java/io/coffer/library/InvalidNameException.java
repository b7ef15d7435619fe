package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A file, product or version name that the library cannot accept safely. */
public final class InvalidNameException extends CofferException {

    public InvalidNameException(String message) {
        super(Failure.INVALID, message);
    }

    @Override
    public String type() {
        return "invalid-name";
    }
}
