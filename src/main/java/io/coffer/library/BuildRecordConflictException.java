package io.coffer.library;

import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * A build record that contradicts the catalog: a different one for a version that has one (a build
 * record, like the version it describes, does not change), or one for an external product.
 */
public final class BuildRecordConflictException extends CofferException {

    public BuildRecordConflictException(String message) {
        super(Failure.CONFLICT, message);
    }

    @Override
    public String type() {
        return "build-record-conflict";
    }
}
