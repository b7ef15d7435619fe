package io.coffer.auth;

import java.util.Locale;

/**
 * What a principal may do. Roles do not nest; {@link #ADMIN} is allowed everything, and every
 * other role only the routes that name it in {@link Access}.
 */
public enum Role {
    VIEWER,
    LIBRARIAN,
    RELEASE_MANAGER,
    APPROVER,
    AUDITOR,
    ADMIN,
    AGENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role parse(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("role '" + id + "' is not known");
    }
}
