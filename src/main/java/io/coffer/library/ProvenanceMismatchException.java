package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A provenance statement whose subjects are none of the version's media items (by SHA-256). */
public final class ProvenanceMismatchException extends CofferException {

    public ProvenanceMismatchException(String message) {
        super(Failure.CONFLICT, message);
    }

    @Override
    public String type() {
        return "provenance-mismatch";
    }
}
