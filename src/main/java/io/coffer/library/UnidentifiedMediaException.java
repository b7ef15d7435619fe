package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/** Product or version of a pushed file could neither be read from it nor were they given. */
public final class UnidentifiedMediaException extends CofferException {

    public UnidentifiedMediaException(String message) {
        super(Failure.INVALID, message);
    }

    @Override
    public String type() {
        return "unidentified-media";
    }
}
