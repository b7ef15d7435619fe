package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A product that is not in the catalog was named. */
public final class NoSuchProductException extends CofferException {

    public NoSuchProductException(String message) {
        super(Failure.NOT_FOUND, message);
    }

    @Override
    public String type() {
        return "no-such-product";
    }
}
