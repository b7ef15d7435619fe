package io.coffer.release;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A release that does not exist was named. */
public final class NoSuchReleaseException extends CofferException {

    public NoSuchReleaseException(String message) {
        super(Failure.NOT_FOUND, message);
    }

    @Override
    public String type() {
        return "no-such-release";
    }
}
