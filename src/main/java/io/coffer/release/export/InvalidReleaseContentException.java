package io.coffer.release.export;

import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * What an export was given cannot describe a release: an item without a digest, the same file
 * twice, a window that ends before it starts. Nothing is exported.
 */
public final class InvalidReleaseContentException extends CofferException {

    public InvalidReleaseContentException(String message) {
        super(Failure.INVALID, message);
    }

    @Override
    public String type() {
        return "invalid-release-content";
    }
}
