package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * A provenance document that cannot be imported: not JSON, not an in-toto statement, not SLSA
 * provenance, or with fields of the wrong shape. The message names the field and what was expected.
 */
public final class InvalidProvenanceException extends CofferException {

    public InvalidProvenanceException(String message) {
        super(Failure.INVALID, message);
    }

    public InvalidProvenanceException(String message, Throwable cause) {
        super(Failure.INVALID, message, cause);
    }

    @Override
    public String type() {
        return "invalid-provenance";
    }
}
