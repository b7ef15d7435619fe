package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A request that breaks a rule of the library. */
public final class InvalidRequestException extends CofferException {

    public InvalidRequestException(String message) {
        super(Failure.INVALID, message);
    }

    @Override
    public String type() {
        return "invalid-request";
    }
}
