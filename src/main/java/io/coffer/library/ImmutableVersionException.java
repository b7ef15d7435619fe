package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * A write would change what the library already holds: different bytes under a pushed product,
 * version and file name, or a change to a withdrawn version.
 */
public final class ImmutableVersionException extends CofferException {

    public ImmutableVersionException(String message) {
        super(Failure.CONFLICT, message);
    }

    @Override
    public String type() {
        return "immutable";
    }
}
