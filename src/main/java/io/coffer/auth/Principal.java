package io.coffer.auth;

import java.util.Set;

/** Who is calling: the name recorded as actor in the event log, and the roles the token grants. */
public record Principal(String name, Set<Role> roles) {

    public boolean has(Role role) {
        return roles.contains(Role.ADMIN) || roles.contains(role);
    }
}
