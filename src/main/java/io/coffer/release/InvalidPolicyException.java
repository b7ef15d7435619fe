package io.coffer.release;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A release policy text that cannot be read or breaks the policy's own rules; nothing was stored. */
public final class InvalidPolicyException extends CofferException {

    public InvalidPolicyException(String message) {
        super(Failure.INVALID, message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(Failure.INVALID, message, cause);
    }

    @Override
    public String type() {
        return "invalid-policy";
    }
}
