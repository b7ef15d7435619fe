package io.coffer.auth;

import io.coffer.catalog.Database;
import io.coffer.events.EventLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * API tokens. A token is 256 random bits shown to its owner once; the catalog keeps only its
 * SHA-256, which is enough for a secret of that strength (no salt or slow hash is needed, unlike
 * for passwords). Lookups are cached for a few seconds so that authenticating every request of a
 * busy download path does not cost a database round trip each; revoking takes effect within that
 * time.
 */
public final class Tokens {

    static final String PREFIX = "coffer_";
    private static final Duration CACHE_FOR = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 10_000;

    private final Database db;
    private final EventLog events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Principal> principal, Instant expiresAt, Instant until) {}

    /** A newly minted token: the secret (shown once) and its name. */
    public record Minted(String name, String secret) {}

    public Tokens(Database db, EventLog events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** Whether any token exists; false only on a library's first start. */
    public boolean any() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM api_token").mapTo(Long.class).one()) > 0;
    }

    /** Mints a token for a principal with roles; null {@code expiresAt} means it does not expire. */
    public Minted mint(String name, String principal, Set<Role> roles, Instant expiresAt, String actor) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String roleList = roles.stream().map(Role::id).sorted().collect(Collectors.joining(","));
        String at = clock.instant().toString();
        db.write(h -> {
            h.createUpdate("INSERT INTO api_token (name, principal, token_hash, roles, created_at, expires_at) "
                            + "VALUES (:name, :principal, :hash, :roles, :at, :expires)")
                    .bind("name", name).bind("principal", principal).bind("hash", hash(secret))
                    .bind("roles", roleList).bind("at", at)
                    .bind("expires", expiresAt == null ? null : expiresAt.toString()).execute();
            events.append(h, actor, "token.minted", "token/" + name, Map.of("principal", principal,
                    "roles", roleList, "expiresAt", String.valueOf(expiresAt)));
            return null;
        });
        return new Minted(name, secret);
    }

    /** The principal a bearer secret stands for, or empty when unknown, expired or revoked. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached == null || now.isAfter(cached.until())) {
            cached = load(hash, now);
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

    private Cached load(String hash, Instant now) {
        return db.read(h -> h.createQuery("SELECT principal, roles, expires_at FROM api_token "
                        + "WHERE token_hash = :hash AND revoked_at IS NULL")
                .bind("hash", hash)
                .map((rs, ctx) -> {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    Arrays.stream(rs.getString("roles").split(",")).filter(s -> !s.isBlank())
                            .map(Role::parse).forEach(roles::add);
                    String expires = rs.getString("expires_at");
                    return new Cached(Optional.of(new Principal(rs.getString("principal"), Set.copyOf(roles))),
                            expires == null ? null : Instant.parse(expires), now.plus(CACHE_FOR));
                })
                .findOne()
                .orElse(new Cached(Optional.empty(), null, now.plus(CACHE_FOR))));
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
