package io.coffer.auth;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A user was to be added under a name that is taken (names are compared ignoring case). */
public final class UserExistsException extends CofferException {

    private final String user;

    UserExistsException(String requested, String existing) {
        super(Failure.CONFLICT, "user '" + requested + "' cannot be added: "
                + (requested.equals(existing) ? "the name is taken" : "the name is taken by user '" + existing
                        + "', which differs only in case")
                + "; users are never deleted, so a name is never reused");
        this.user = existing;
    }

    /** The user that already has the name. */
    public String user() {
        return user;
    }

    @Override
    public String type() {
        return "user-exists";
    }
}
