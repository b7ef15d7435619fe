package io.coffer.auth;

import java.util.Set;

/**
 * Someone (a person or a machine) who holds API tokens. Users are never deleted, only disabled, so
 * that every actor named in the event log stays known.
 *
 * @param name unique, compared ignoring case; the actor recorded in events for the user's tokens
 * @param roles what the user may do; caps the roles of every token of the user
 * @param disabledAt when the user was disabled, with {@code disabledBy}; both null while enabled
 */
public record User(long id, String name, Set<Role> roles, String createdAt, String createdBy, String disabledAt,
        String disabledBy) {

    public User {
        roles = Set.copyOf(roles);
    }

    public boolean disabled() {
        return disabledAt != null;
    }
}
