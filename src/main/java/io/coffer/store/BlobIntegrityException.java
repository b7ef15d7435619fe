package io.coffer.store;

import io.coffer.CofferException;
import io.coffer.Failure;

/** The bytes received are not the bytes the sender announced (digest or length). */
public final class BlobIntegrityException extends CofferException {

    public BlobIntegrityException(String message) {
        super(Failure.INTEGRITY, message);
    }

    @Override
    public String type() {
        return "digest-mismatch";
    }
}
