package io.coffer.auth;

import io.coffer.library.Names;
import io.coffer.catalog.Database;
import io.coffer.events.EventLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens. A token is 256 random bits shown to its owner once; the catalog keeps only its
 * SHA-256, which is enough for a secret of that strength (no salt or slow hash is needed, unlike
 * for passwords).
 *
 * <p>Every token belongs to a {@link User}. What a token may do is decided at each authentication
 * as the roles it was created with that its user still has, so taking a role from a user, or
 * disabling the user, takes it from all of the user's tokens at once; a token whose principal is
 * not a user authenticates as nobody.
 *
 * <p>Lookups are cached for a few seconds so that authenticating every request of a busy download
 * path does not cost a database round trip each. Every change to users or tokens made through this
 * server starts a new cache generation after it commits, and entries of an older generation are
 * read again, so a revocation, a disabled user or a lost role takes effect on this server with the
 * next request. Entries remember the generation that was current before their row was read, so a
 * lookup racing with a change cannot put the old answer back. Other server instances of the same
 * library notice such a change within the cache time (five seconds).
 */
public final class Tokens {

    private static final Logger log = LoggerFactory.getLogger(Tokens.class);
    static final String PREFIX = "coffer_";
    private static final Duration CACHE_FOR = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 10_000;
    private static final int MAX_LABEL = 100;

    private final Database db;
    private final EventLog events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    private record Cached(Optional<Principal> principal, Instant expiresAt, Instant until, long generation) {}

    /** A newly minted token: the secret (shown once) and its name. */
    public record Minted(String name, String secret) {}

    /** A token an admin created: what is known about it, and its secret, which is shown only this once. */
    public record Issued(ApiToken token, String secret) {}

    public Tokens(Database db, EventLog events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** Whether any token exists; false only on a library's first start. */
    public boolean any() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM api_token").mapTo(Long.class).one()) > 0;
    }

    /**
     * Mints a token without the checks an admin's request goes through: the path of the first start
     * (the bootstrap admin) and of tests. The principal becomes a user with the token's roles if it
     * is not one yet, and a user lacking some of the token's roles is given them, each with its
     * event, so that the token can do what it was minted for. Admins create tokens with
     * {@link #create}, which refuses roles the user does not have.
     *
     * @param expiresAt when the token stops working; null for never
     * @throws InvalidAccountException when {@code principal} is not a valid user name
     */
    public Minted mint(String name, String principal, Set<Role> roles, Instant expiresAt, String actor) {
        String user = Users.checkName(principal);
        String secret = newSecret();
        String at = now();
        db.write(h -> {
            Optional<User> existing = Accounts.user(h, user);
            if (existing.isEmpty()) {
                Users.insert(h, events, user, roles, actor, at);
            } else if (!existing.get().roles().containsAll(roles)) {
                Set<Role> union = EnumSet.copyOf(roles);
                union.addAll(existing.get().roles());
                Users.changeRoles(h, events, existing.get(), union, actor);
            }
            insert(h, name, user, secret, roles, expiresAt, actor, at);
            return null;
        });
        forget();
        return new Minted(name, secret);
    }

    /**
     * Creates a token for a user, as an admin asks for it.
     *
     * @param user the user the token belongs to
     * @param roles the token's roles; empty for all of the user's roles
     * @param expires when it stops working, as in {@code 30d} or {@code 2027-01-31T00:00:00Z}; null for never
     * @param label a name to tell the user's tokens apart; null for the user's name
     * @throws NoSuchUserException when there is no such user
     * @throws DisabledUserException when the user is disabled
     * @throws RolesBeyondUserException when a role is asked for that the user does not have
     * @throws InvalidAccountException for an expiry or label that cannot be accepted
     */
    public Issued create(String user, Collection<Role> roles, String expires, String label, String actor) {
        Instant now = clock.instant();
        Instant expiresAt = Expiry.parse(expires, now);
        String cleanLabel = label(label);
        String secret = newSecret();
        String at = now();
        ApiToken token = db.write(h -> {
            User owner = Accounts.user(h, user).orElseThrow(() -> new NoSuchUserException(user));
            if (owner.disabled()) {
                throw new DisabledUserException(owner, "create a token for '" + owner.name() + "'");
            }
            Set<Role> wanted = roles.isEmpty() ? owner.roles() : Set.copyOf(roles);
            Set<Role> missing = EnumSet.noneOf(Role.class);
            missing.addAll(wanted);
            missing.removeAll(owner.roles());
            if (!missing.isEmpty()) {
                throw new RolesBeyondUserException(owner.name(), missing, owner.roles());
            }
            long id = insert(h, cleanLabel == null ? owner.name() : cleanLabel, owner.name(), secret, wanted,
                    expiresAt, actor, at);
            return Accounts.token(h, id, now).orElseThrow();
        });
        forget();
        log.info("Token {} created for {} with roles {} by {}", token.id(), token.user(),
                Accounts.format(token.roles()), actor);
        return new Issued(token, secret);
    }

    /**
     * Tokens, newest first, of one user or of all; never with secrets or hashes.
     *
     * @throws NoSuchUserException when {@code user} names no user
     */
    public List<ApiToken> list(Optional<String> user) {
        Instant now = clock.instant();
        return db.read(h -> {
            if (user.isPresent() && Accounts.user(h, user.get()).isEmpty()) {
                throw new NoSuchUserException(user.get());
            }
            return Accounts.tokens(h, user, now);
        });
    }

    /**
     * Revokes a token: it stops working on this server with the next request. Revoking a revoked
     * token changes nothing.
     *
     * @throws NoSuchTokenException when there is no token {@code id}
     */
    public ApiToken revoke(long id, String actor) {
        Instant now = clock.instant();
        String at = now();
        ApiToken token = db.write(h -> {
            ApiToken before = Accounts.token(h, id, now).orElseThrow(() -> new NoSuchTokenException(id));
            if (before.revokedAt() != null) {
                return before;
            }
            revoke(h, before, actor, at, "revoked");
            return Accounts.token(h, id, now).orElseThrow();
        });
        forget();
        log.info("Token {} of {} revoked by {}", id, token.user(), actor);
        return token;
    }

    /** Revokes every token of a user inside the caller's transaction; returns their ids. */
    List<Long> revokeAllOf(Handle h, String user, String actor, String at, String why) {
        Instant now = clock.instant();
        List<Long> ids = Accounts.unrevokedTokensOf(h, user);
        for (long id : ids) {
            revoke(h, Accounts.token(h, id, now).orElseThrow(), actor, at, why);
        }
        return ids;
    }

    private void revoke(Handle h, ApiToken before, String actor, String at, String why) {
        Accounts.revoke(h, before.id(), actor, at);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", before.user());
        details.put("name", before.name());
        details.put("why", why);
        details.put("before", Map.of("state", before.state().id()));
        details.put("after", Map.of("state", ApiToken.State.REVOKED.id()));
        events.append(h, actor, "token.revoked", "token/" + before.id(), details);
    }

    /**
     * Makes every cached lookup stale; called after each committed change to users or tokens. Stale
     * entries are not removed but read again when next used (the cache stays bounded by its size).
     */
    void forget() {
        generation.incrementAndGet();
    }

    /**
     * The principal a bearer secret stands for, with the token's effective roles; empty when the
     * secret is unknown, expired or revoked, or its user is disabled or unknown.
     */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = clock.instant();
        long current = generation.get();
        Cached cached = cache.get(hash);
        if (cached == null || now.isAfter(cached.until()) || cached.generation() != current) {
            cached = load(hash, now, current);
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, cached);
        }
        if (cached.expiresAt() != null && !now.isBefore(cached.expiresAt())) {
            return Optional.empty();
        }
        return cached.principal();
    }

    private Cached load(String hash, Instant now, long generation) {
        return db.read(h -> h.createQuery("SELECT t.principal, t.roles, t.expires_at, u.roles AS user_roles "
                        + "FROM api_token t JOIN app_user u ON u.name = t.principal "
                        + "WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND u.disabled_at IS NULL")
                .bind("hash", hash)
                .map((rs, ctx) -> {
                    Set<Role> roles = Accounts.effective(Accounts.parse(rs.getString("roles")),
                            Accounts.parse(rs.getString("user_roles")));
                    String expires = rs.getString("expires_at");
                    return new Cached(Optional.of(new Principal(rs.getString("principal"), roles)),
                            expires == null ? null : Instant.parse(expires), now.plus(CACHE_FOR), generation);
                })
                .findOne()
                .orElse(new Cached(Optional.empty(), null, now.plus(CACHE_FOR), generation)));
    }

    private long insert(Handle h, String name, String user, String secret, Set<Role> roles, Instant expiresAt,
            String actor, String at) {
        String expires = expiresAt == null ? null : expiresAt.toString();
        long id = Accounts.insertToken(h, name, user, hash(secret), roles, at, expires, actor);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", name);
        after.put("user", user);
        after.put("roles", Accounts.ids(roles));
        after.put("expiresAt", expires);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", null);
        details.put("after", after);
        events.append(h, actor, "token.created", "token/" + id, details);
        return id;
    }

    private String newSecret() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String label(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String label = raw.strip();
        if (label.length() > MAX_LABEL) {
            throw new InvalidAccountException("invalid-token-name", "token name is " + label.length()
                    + " characters long; at most " + MAX_LABEL + " are allowed");
        }
        if (Names.firstControl(label) >= 0) {
            throw new InvalidAccountException("invalid-token-name", "token name '" + Names.printable(label)
                    + "' contains a control character");
        }
        return label;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
