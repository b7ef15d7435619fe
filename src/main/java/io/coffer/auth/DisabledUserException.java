package io.coffer.auth;

import io.coffer.CofferException;
import io.coffer.Failure;

/** A change was asked for on a disabled user (a new token, new roles); disabled users stay as they are. */
public final class DisabledUserException extends CofferException {

    private final String user;

    DisabledUserException(User user, String attempted) {
        super(Failure.CONFLICT, "cannot " + attempted + ": user '" + user.name() + "' was disabled by "
                + user.disabledBy() + " at " + user.disabledAt() + " and a disabled user cannot be changed");
        this.user = user.name();
    }

    public String user() {
        return user;
    }

    @Override
    public String type() {
        return "user-disabled";
    }
}
