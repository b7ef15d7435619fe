package io.coffer.auth;

import java.util.Arrays;
import java.util.List;
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

    /**
     * The role with this id (e.g. {@code release-manager}), ignoring case and surrounding blanks.
     *
     * @throws UnknownRoleException for null or any other text; its message lists the valid ids
     */
    public static Role of(String id) {
        if (id != null) {
            for (Role role : values()) {
                if (role.id().equalsIgnoreCase(id.strip())) {
                    return role;
                }
            }
        }
        throw new UnknownRoleException(id);
    }

    /** The ids of all roles, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Role::id).toList();
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
