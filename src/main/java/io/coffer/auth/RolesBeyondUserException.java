package io.coffer.auth;

import io.coffer.CofferException;
import io.coffer.Failure;
import java.util.Set;

/** A token was asked for with roles its user does not have; a token can never hold more than its user. */
public final class RolesBeyondUserException extends CofferException {

    private final String user;
    private final Set<Role> missing;

    RolesBeyondUserException(String user, Set<Role> missing, Set<Role> held) {
        super(Failure.CONFLICT, "user '" + user + "' does not have the role" + (missing.size() == 1 ? " " : "s ")
                + Accounts.format(missing).replace(",", ", ") + ", so no token of theirs can carry "
                + (missing.size() == 1 ? "it" : "them") + "; the user has " + (held.isEmpty() ? "no roles"
                        : Accounts.format(held).replace(",", ", "))
                + ". Give the user the role first ('coffer user roles')");
        this.user = user;
        this.missing = Set.copyOf(missing);
    }

    public String user() {
        return user;
    }

    /** The roles asked for that the user lacks. */
    public Set<Role> missing() {
        return missing;
    }

    @Override
    public String type() {
        return "roles-beyond-user";
    }
}
