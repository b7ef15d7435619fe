package io.coffer.auth;

import io.coffer.library.Names;
import io.coffer.catalog.Database;
import io.coffer.events.EventLog;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of the library and their roles, kept by admins. Each change commits with its event
 * (before and after) and then makes the token cache forget, so that it holds for the next request.
 *
 * <p>User names are ASCII letters, digits, {@code .}, {@code _}, {@code -} and {@code @}, starting
 * with a letter or digit, at most 64 characters, and unique ignoring case: a name is an actor in
 * the event log and in audit reports, where {@code Alice} next to {@code alice}, or a Cyrillic
 * {@code а} standing in for a Latin {@code a}, would hide who did what. {@code coffer} is taken by
 * the server's own actions. The library always keeps an enabled user with the admin role.
 */
public final class Users {

    private static final Logger log = LoggerFactory.getLogger(Users.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");
    static final int MAX_NAME = 64;
    /** The actor of the server's own changes, such as the bootstrap admin's registration. */
    static final String SYSTEM_ACTOR = "coffer";

    private final Database db;
    private final EventLog events;
    private final Tokens tokens;
    private final Clock clock;

    public Users(Database db, EventLog events, Tokens tokens, Clock clock) {
        this.db = db;
        this.events = events;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Adds a user with roles.
     *
     * @throws InvalidAccountException for a name that cannot be accepted or no roles
     * @throws UserExistsException when the name is taken, also by a disabled user or in other case
     */
    public User add(String name, Set<Role> roles, String actor) {
        String clean = checkName(name);
        requireRoles(roles, "user '" + clean + "'");
        String at = now();
        User user = db.write(h -> {
            Optional<User> taken = Accounts.userIgnoringCase(h, clean);
            if (taken.isPresent()) {
                throw new UserExistsException(clean, taken.get().name());
            }
            return insert(h, events, clean, roles, actor, at);
        });
        tokens.forget();
        log.info("User {} added with roles {} by {}", clean, Accounts.format(roles), actor);
        return user;
    }

    /** Every user, disabled ones too, by name. */
    public List<User> list() {
        return db.read(Accounts::users);
    }

    /**
     * One user.
     *
     * @throws NoSuchUserException when there is none of that name
     */
    public User user(String name) {
        return db.read(h -> Accounts.user(h, name)).orElseThrow(() -> new NoSuchUserException(name));
    }

    /**
     * Replaces a user's roles. The user's tokens lose, with the next request, every role the user
     * no longer has; they do not gain the user's new roles unless they were created with them.
     * Giving a user the roles they have changes nothing.
     *
     * @throws NoSuchUserException when there is no such user
     * @throws DisabledUserException when the user is disabled
     * @throws LastAdminException when this would take the admin role from the last enabled admin
     * @throws InvalidAccountException when {@code roles} is empty
     */
    public User setRoles(String name, Set<Role> roles, String actor) {
        requireRoles(roles, "user '" + Names.printable(String.valueOf(name)) + "'");
        User user = db.write(h -> {
            User before = Accounts.user(h, name).orElseThrow(() -> new NoSuchUserException(name));
            if (before.disabled()) {
                throw new DisabledUserException(before, "change the roles of '" + before.name() + "'");
            }
            if (before.roles().equals(Set.copyOf(roles))) {
                return before;
            }
            if (before.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
                requireAnotherAdmin(h, before, "take the admin role from '" + before.name() + "'");
            }
            return changeRoles(h, events, before, roles, actor);
        });
        tokens.forget();
        return user;
    }

    /**
     * Disables a user and revokes all of their tokens, in one transaction; they stop working with the
     * next request. A disabled user stays in the library (events name them) but cannot be changed or
     * given tokens. Disabling a disabled user changes nothing.
     *
     * @param reason why, recorded in the event; may be null
     * @throws NoSuchUserException when there is no such user
     * @throws LastAdminException when the user is the last enabled admin
     */
    public User disable(String name, String reason, String actor) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && (why.length() > 1000 || Names.firstControl(why) >= 0)) {
            throw new InvalidAccountException("invalid-reason", "the reason must be at most 1000 characters "
                    + "without control characters");
        }
        String at = now();
        User user = db.write(h -> {
            User before = Accounts.user(h, name).orElseThrow(() -> new NoSuchUserException(name));
            if (before.disabled()) {
                return before;
            }
            if (before.roles().contains(Role.ADMIN)) {
                requireAnotherAdmin(h, before, "disable '" + before.name() + "'");
            }
            Accounts.disable(h, before.name(), actor, at);
            List<Long> revoked = tokens.revokeAllOf(h, before.name(), actor, at, "user disabled");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("before", state(before));
            User after = Accounts.user(h, before.name()).orElseThrow();
            details.put("after", state(after));
            details.put("revokedTokens", revoked);
            details.put("reason", why);
            events.append(h, actor, "user.disabled", subject(before.name()), details);
            return after;
        });
        tokens.forget();
        log.info("User {} disabled by {}", user.name(), actor);
        return user;
    }

    /**
     * Makes a user of every token holder that is not one, with the roles of their tokens that are
     * not revoked: run at start, it brings libraries created before users existed (whose only token
     * holder is the bootstrap admin) under the rule that every token belongs to a user.
     *
     * @return the names of the users added
     */
    public List<String> adoptTokenHolders() {
        List<String> adopted = db.write(h -> {
            List<String> names = Accounts.principalsWithoutUser(h);
            String at = now();
            for (String name : names) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                h.createQuery("SELECT roles FROM api_token WHERE principal = :p AND revoked_at IS NULL")
                        .bind("p", name).mapTo(String.class).forEach(r -> roles.addAll(Accounts.parse(r)));
                insert(h, events, name, roles, SYSTEM_ACTOR, at);
            }
            return names;
        });
        if (!adopted.isEmpty()) {
            tokens.forget();
            log.info("Registered the token holders {} as users", adopted);
        }
        return adopted;
    }

    // Shared with Tokens.mint, inside its transaction.

    static User insert(Handle h, EventLog events, String name, Set<Role> roles, String actor, String at) {
        Accounts.insertUser(h, name, roles, actor, at);
        User user = Accounts.user(h, name).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", null);
        details.put("after", state(user));
        events.append(h, actor, "user.added", subject(name), details);
        return user;
    }

    static User changeRoles(Handle h, EventLog events, User before, Set<Role> roles, String actor) {
        Accounts.setRoles(h, before.name(), roles);
        User after = Accounts.user(h, before.name()).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", state(before));
        details.put("after", state(after));
        events.append(h, actor, "user.roles-changed", subject(before.name()), details);
        return after;
    }

    /**
     * The name, checked.
     *
     * @throws InvalidAccountException naming the first character that is not allowed
     */
    static String checkName(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidAccountException("invalid-user-name", "a user name is required");
        }
        if (raw.length() > MAX_NAME) {
            throw new InvalidAccountException("invalid-user-name", "user name '"
                    + Names.printable(raw.substring(0, 20)) + "...' is " + raw.length()
                    + " characters long; at most " + MAX_NAME + " are allowed");
        }
        if (!NAME.matcher(raw).matches()) {
            int bad = 0;
            while (allowed(raw.charAt(bad), bad == 0)) {
                bad++;
            }
            throw new InvalidAccountException("invalid-user-name", "user name '" + Names.printable(raw)
                    + "' has U+" + String.format("%04X", raw.codePointAt(bad)) + " at position " + bad
                    + "; a user name is ASCII letters, digits, '.', '_', '-' and '@', starting with a letter or digit");
        }
        if (raw.equalsIgnoreCase(SYSTEM_ACTOR)) {
            throw new InvalidAccountException("invalid-user-name", "user name '" + raw + "' is reserved for the "
                    + "server's own actions in the event log");
        }
        return raw;
    }

    private static boolean allowed(char c, boolean first) {
        boolean alnum = c < 128 && Character.isLetterOrDigit(c);
        return first ? alnum : alnum || c == '.' || c == '_' || c == '-' || c == '@';
    }

    private static void requireRoles(Set<Role> roles, String who) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidAccountException("no-roles", who + " needs at least one role; valid roles are "
                    + String.join(", ", Role.ids()));
        }
    }

    private static void requireAnotherAdmin(Handle h, User user, String attempted) {
        boolean another = Accounts.users(h).stream().anyMatch(u -> !u.disabled() && u.roles().contains(Role.ADMIN)
                && !u.name().equals(user.name()));
        if (!another) {
            throw new LastAdminException(user.name(), attempted);
        }
    }

    private static Map<String, Object> state(User user) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("roles", Accounts.ids(user.roles()));
        state.put("disabled", user.disabled());
        return state;
    }

    private static String subject(String name) {
        return "user/" + name;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
