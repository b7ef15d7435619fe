package io.coffer.auth;

import java.util.Set;

/**
 * What the library knows about an API token: never its secret, nor the secret's hash.
 *
 * @param id the token's number, used to revoke it
 * @param name a label given when it was created, e.g. "ci" or "laptop"
 * @param user the user it belongs to (the principal of its requests)
 * @param roles the roles it was created with
 * @param effectiveRoles the roles it grants now: those of {@code roles} that its user still has;
 *     empty when it is not {@link State#ACTIVE}
 * @param expiresAt when it stops working, or null for never
 * @param revokedAt when it was revoked, with {@code revokedBy}; null while not revoked
 * @param state whether it works now, and if not, why
 */
public record ApiToken(long id, String name, String user, Set<Role> roles, Set<Role> effectiveRoles,
        String createdAt, String createdBy, String expiresAt, String revokedAt, String revokedBy, State state) {

    public ApiToken {
        roles = Set.copyOf(roles);
        effectiveRoles = Set.copyOf(effectiveRoles);
    }

    /** Whether a token works, and if not, the first reason it does not. */
    public enum State {
        ACTIVE,
        REVOKED,
        USER_DISABLED,
        EXPIRED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
