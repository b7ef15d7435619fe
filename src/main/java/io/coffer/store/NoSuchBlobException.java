package io.coffer.store;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A blob that is not in the physical store was asked for. */
public final class NoSuchBlobException extends CofferException {

    private final Digest digest;

    public NoSuchBlobException(Digest digest) {
        super(Failure.NOT_FOUND, "no blob " + digest + " in the physical store");
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
