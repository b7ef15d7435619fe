package io.coffer.auth;

import io.coffer.library.Names;
import io.coffer.CofferException;
import io.coffer.Failure;

/** A role was named that Coffer does not have. The message lists the roles it has. */
public final class UnknownRoleException extends CofferException {

    private final String given;

    UnknownRoleException(String given) {
        super(Failure.INVALID, "role '" + Names.printable(String.valueOf(given)) + "' is not known; valid roles are "
                + String.join(", ", Role.ids()));
        this.given = given;
    }

    /** The text that was given as a role; may be null. */
    public String given() {
        return given;
    }

    @Override
    public String type() {
        return "unknown-role";
    }
}
