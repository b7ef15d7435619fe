package io.coffer.auth;

import io.coffer.library.Names;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of users and tokens (tables {@code app_user} and {@code api_token}). Every method runs
 * on a handle the caller opened, so that a change and its event commit together; the rules are in
 * {@link Users} and {@link Tokens}. Roles are stored as a sorted, comma-separated list of ids.
 */
final class Accounts {

    private static final String TOKEN_SELECT = "SELECT t.*, u.roles AS user_roles, u.disabled_at AS user_disabled_at "
            + "FROM api_token t LEFT JOIN app_user u ON u.name = t.principal ";

    private Accounts() {}

    // Users

    static Optional<User> user(Handle h, String name) {
        return h.createQuery("SELECT * FROM app_user WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> user(rs)).findOne();
    }

    /** The user whose name equals {@code name} ignoring (ASCII) case, if any. */
    static Optional<User> userIgnoringCase(Handle h, String name) {
        return h.createQuery("SELECT * FROM app_user WHERE LOWER(name) = LOWER(:name)").bind("name", name)
                .map((rs, ctx) -> user(rs)).findFirst();
    }

    static List<User> users(Handle h) {
        return h.createQuery("SELECT * FROM app_user ORDER BY name").map((rs, ctx) -> user(rs)).list();
    }

    static void insertUser(Handle h, String name, Set<Role> roles, String actor, String at) {
        h.createUpdate("INSERT INTO app_user (name, roles, created_at, created_by) VALUES (:name, :roles, :at, :by)")
                .bind("name", name).bind("roles", format(roles)).bind("at", at).bind("by", actor).execute();
    }

    static void setRoles(Handle h, String name, Set<Role> roles) {
        h.createUpdate("UPDATE app_user SET roles = :roles WHERE name = :name")
                .bind("roles", format(roles)).bind("name", name).execute();
    }

    static void disable(Handle h, String name, String actor, String at) {
        h.createUpdate("UPDATE app_user SET disabled_at = :at, disabled_by = :by WHERE name = :name")
                .bind("at", at).bind("by", actor).bind("name", name).execute();
    }

    /** Names of token holders that are not users: left by libraries created before users existed. */
    static List<String> principalsWithoutUser(Handle h) {
        return h.createQuery("SELECT DISTINCT t.principal FROM api_token t LEFT JOIN app_user u "
                        + "ON u.name = t.principal WHERE u.id IS NULL ORDER BY t.principal")
                .mapTo(String.class).list();
    }

    // Tokens

    /** Inserts a token and returns its id. */
    static long insertToken(Handle h, String name, String principal, String hash, Set<Role> roles, String at,
            String expiresAt, String actor) {
        h.createUpdate("INSERT INTO api_token (name, principal, token_hash, roles, created_at, expires_at, created_by) "
                        + "VALUES (:name, :principal, :hash, :roles, :at, :expires, :by)")
                .bind("name", name).bind("principal", principal).bind("hash", hash).bind("roles", format(roles))
                .bind("at", at).bind("expires", expiresAt).bind("by", actor).execute();
        return h.createQuery("SELECT id FROM api_token WHERE token_hash = :hash").bind("hash", hash)
                .mapTo(Long.class).one();
    }

    static Optional<ApiToken> token(Handle h, long id, Instant now) {
        return h.createQuery(TOKEN_SELECT + "WHERE t.id = :id").bind("id", id)
                .map((rs, ctx) -> token(rs, now)).findOne();
    }

    /** Tokens, newest first; of one user when {@code user} is given. */
    static List<ApiToken> tokens(Handle h, Optional<String> user, Instant now) {
        var query = h.createQuery(TOKEN_SELECT + (user.isPresent() ? "WHERE t.principal = :user " : "")
                + "ORDER BY t.id DESC");
        user.ifPresent(u -> query.bind("user", u));
        return query.map((rs, ctx) -> token(rs, now)).list();
    }

    /** Ids of the user's tokens that are not revoked, oldest first. */
    static List<Long> unrevokedTokensOf(Handle h, String user) {
        return h.createQuery("SELECT id FROM api_token WHERE principal = :user AND revoked_at IS NULL ORDER BY id")
                .bind("user", user).mapTo(Long.class).list();
    }

    static void revoke(Handle h, long id, String actor, String at) {
        h.createUpdate("UPDATE api_token SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                .bind("at", at).bind("by", actor).bind("id", id).execute();
    }

    // Row mapping and role lists

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("name"), parse(rs.getString("roles")),
                rs.getString("created_at"), rs.getString("created_by"), rs.getString("disabled_at"),
                rs.getString("disabled_by"));
    }

    private static ApiToken token(ResultSet rs, Instant now) throws SQLException {
        Set<Role> roles = parse(rs.getString("roles"));
        String userRoles = rs.getString("user_roles");
        String expires = rs.getString("expires_at");
        ApiToken.State state;
        if (rs.getString("revoked_at") != null) {
            state = ApiToken.State.REVOKED;
        } else if (userRoles == null || rs.getString("user_disabled_at") != null) {
            state = ApiToken.State.USER_DISABLED;
        } else if (expires != null && !now.isBefore(Instant.parse(expires))) {
            state = ApiToken.State.EXPIRED;
        } else {
            state = ApiToken.State.ACTIVE;
        }
        Set<Role> effective = state == ApiToken.State.ACTIVE ? effective(roles, parse(userRoles)) : Set.of();
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("principal"), roles, effective,
                rs.getString("created_at"), rs.getString("created_by"), expires, rs.getString("revoked_at"),
                rs.getString("revoked_by"), state);
    }

    /** A token's effective roles: what it was given, capped by what its user has now. */
    static Set<Role> effective(Set<Role> tokenRoles, Set<Role> userRoles) {
        Set<Role> both = tokenRoles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(tokenRoles);
        both.retainAll(userRoles);
        return Set.copyOf(both);
    }

    static String format(Collection<Role> roles) {
        return roles.stream().map(Role::id).sorted().collect(Collectors.joining(","));
    }

    /** The sorted role ids, for events and answers. */
    static List<String> ids(Collection<Role> roles) {
        return roles.stream().map(Role::id).sorted().toList();
    }

    static Set<Role> parse(String stored) {
        if (stored == null) {
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(stored.split(",")).filter(s -> !s.isBlank()).map(Role::of).forEach(roles::add);
        return Set.copyOf(roles);
    }
}
