package io.coffer.http;

import io.coffer.auth.Access;
import io.coffer.auth.ApiToken;
import io.coffer.auth.Role;
import io.coffer.auth.Tokens;
import io.coffer.auth.User;
import io.coffer.auth.Users;
import io.coffer.library.InvalidRequestException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin's routes: users and their API tokens. Handlers translate between JSON and
 * {@link Users} / {@link Tokens}; the rules (names, roles, expiry, the last admin) live there.
 * Answers never hold a token's secret or hash, except the secret in the answer to its creation.
 */
public final class AdminRoutes implements Routes {

    private final Users users;
    private final Tokens tokens;

    public AdminRoutes(Users users, Tokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public void register(Map<Access, Handler> h) {
        h.put(Access.USERS_LIST, ctx -> ctx.json(users.list().stream().map(AdminRoutes::view).toList()));
        h.put(Access.USER_ADD, this::addUser);
        h.put(Access.USER_SHOW, ctx -> {
            User user = users.user(ctx.pathParam("user"));
            Map<String, Object> out = view(user);
            out.put("tokens", tokens.list(Optional.of(user.name())).stream().map(AdminRoutes::view).toList());
            ctx.json(out);
        });
        h.put(Access.USER_ROLES, ctx -> ctx.json(view(users.setRoles(ctx.pathParam("user"),
                roles(JsonBody.read(ctx, Set.of("roles")).strings("roles")), actor(ctx)))));
        h.put(Access.USER_DISABLE, ctx -> ctx.json(view(users.disable(ctx.pathParam("user"),
                JsonBody.read(ctx, Set.of("reason")).string("reason"), actor(ctx)))));
        h.put(Access.TOKENS_LIST, ctx -> ctx.json(tokens.list(Optional.ofNullable(ctx.queryParam("user")))
                .stream().map(AdminRoutes::view).toList()));
        h.put(Access.TOKEN_CREATE, this::createToken);
        h.put(Access.TOKEN_REVOKE, ctx -> ctx.json(view(tokens.revoke(tokenId(ctx), actor(ctx)))));
    }

    private void addUser(Context ctx) throws Exception {
        JsonBody body = JsonBody.read(ctx, Set.of("name", "roles"));
        User user = users.add(body.string("name"), roles(body.strings("roles")), actor(ctx));
        ctx.status(201).header("Location", "/api/v1/users/" + user.name()).json(view(user));
    }

    private void createToken(Context ctx) throws Exception {
        JsonBody body = JsonBody.read(ctx, Set.of("user", "roles", "expires", "name"));
        String user = body.string("user");
        if (user == null || user.isBlank()) {
            throw new InvalidRequestException("field 'user' is required: the user the token is for");
        }
        Tokens.Issued issued = tokens.create(user, roles(body.strings("roles")), body.string("expires"),
                body.string("name"), actor(ctx));
        Map<String, Object> out = view(issued.token());
        out.put("secret", issued.secret());
        // The one answer that holds a secret must not linger in any cache on the way.
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(out);
    }

    private static Set<Role> roles(Collection<String> ids) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        ids.forEach(id -> roles.add(Role.of(id)));
        return roles;
    }

    private static long tokenId(Context ctx) {
        String raw = ctx.pathParam("token");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("token id '" + raw + "' is not a number; 'coffer token ls' shows "
                    + "the ids");
        }
    }

    private static String actor(Context ctx) {
        return HttpServer.principal(ctx).name();
    }

    static Map<String, Object> view(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", u.name());
        out.put("roles", ids(u.roles()));
        out.put("disabled", u.disabled());
        out.put("createdAt", u.createdAt());
        out.put("createdBy", u.createdBy());
        out.put("disabledAt", u.disabledAt());
        out.put("disabledBy", u.disabledBy());
        return out;
    }

    static Map<String, Object> view(ApiToken t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("user", t.user());
        out.put("roles", ids(t.roles()));
        out.put("effectiveRoles", ids(t.effectiveRoles()));
        out.put("state", t.state().id());
        out.put("createdAt", t.createdAt());
        out.put("createdBy", t.createdBy());
        out.put("expiresAt", t.expiresAt());
        out.put("revokedAt", t.revokedAt());
        out.put("revokedBy", t.revokedBy());
        return out;
    }

    private static List<String> ids(Collection<Role> roles) {
        return roles.stream().map(Role::id).sorted().toList();
    }
}
