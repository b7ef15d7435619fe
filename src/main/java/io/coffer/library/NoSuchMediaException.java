package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A media item that is not in the catalog was named. */
public final class NoSuchMediaException extends CofferException {

    public NoSuchMediaException(String message) {
        super(Failure.NOT_FOUND, message);
    }

    @Override
    public String type() {
        return "no-such-media";
    }
}
