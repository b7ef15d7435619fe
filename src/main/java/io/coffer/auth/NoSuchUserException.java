package io.coffer.auth;

import io.coffer.library.Names;
import io.coffer.CofferException;
import io.coffer.Failure;

/** A user was named that the library does not have. */
public final class NoSuchUserException extends CofferException {

    private final String user;

    NoSuchUserException(String user) {
        super(Failure.NOT_FOUND, "no user '" + Names.printable(user) + "'; 'coffer user ls' lists the users");
        this.user = user;
    }

    public String user() {
        return user;
    }

    @Override
    public String type() {
        return "no-such-user";
    }
}
