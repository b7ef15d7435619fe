package io.coffer.auth;

import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * A change would leave the library without an enabled admin user; nobody could then add users or
 * tokens again short of editing the database, so the change is refused.
 */
public final class LastAdminException extends CofferException {

    private final String user;

    LastAdminException(String user, String attempted) {
        super(Failure.CONFLICT, "cannot " + attempted + ": '" + user + "' is the only enabled user with the admin "
                + "role, and the library would be left without one. Give another user the admin role first");
        this.user = user;
    }

    public String user() {
        return user;
    }

    @Override
    public String type() {
        return "last-admin";
    }
}
