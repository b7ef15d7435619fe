package io.coffer.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import io.coffer.catalog.Database;
import io.coffer.events.ChainCheck;
import io.coffer.events.Event;
import io.coffer.events.EventLog;
import io.coffer.testing.AdjustableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, tokens and their rules, run against each catalog database. */
abstract class UsersContract {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    Database db;
    AdjustableClock clock = new AdjustableClock(START);
    EventLog events = new EventLog(clock);
    Tokens tokens;
    Users users;

    abstract Database openDatabase(Path dir);

    @BeforeEach
    void open() {
        db = openDatabase(dir);
        tokens = new Tokens(db, events, clock);
        users = new Users(db, events, tokens, clock);
        tokens.mint("admin", "admin", Set.of(Role.ADMIN), null, "coffer");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Event> log() {
        return events.list(db, 0, 10_000, Optional.empty());
    }

    private Event lastEvent() {
        return log().getLast();
    }

    private Set<Role> rolesOf(String secret) {
        return tokens.authenticate(secret).orElseThrow().roles();
    }

    // Users

    @Test
    void mintingTheBootstrapTokenRegistersItsHolderAsAUser() {
        User admin = users.user("admin");

        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(admin.createdBy()).isEqualTo("coffer");
        assertThat(log()).extracting(Event::action).containsExactly("user.added", "token.created");
    }

    @Test
    void anAddedUserIsListedWithItsRolesAndAnEventWithBeforeAndAfter() {
        users.add("alice", Set.of(Role.APPROVER, Role.LIBRARIAN), "admin");

        User alice = users.user("alice");
        assertThat(alice.roles()).containsExactlyInAnyOrder(Role.APPROVER, Role.LIBRARIAN);
        assertThat(alice.createdAt()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(alice.createdBy()).isEqualTo("admin");
        assertThat(alice.disabled()).isFalse();
        assertThat(users.list()).extracting(User::name).containsExactly("admin", "alice");
        Event added = lastEvent();
        assertThat(added.action()).isEqualTo("user.added");
        assertThat(added.subject()).isEqualTo("user/alice");
        assertThat(added.actor()).isEqualTo("admin");
        assertThat(added.details().path("before").isNull()).isTrue();
        assertThat(Json.canonical(added.details().path("after")))
                .isEqualTo("{\"disabled\":false,\"roles\":[\"approver\",\"librarian\"]}");
    }

    @Test
    void aNameTakenAlsoInOtherCaseIsRefusedAndNothingChanges() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        int before = log().size();

        assertThatThrownBy(() -> users.add("alice", Set.of(Role.VIEWER), "admin"))
                .isInstanceOf(UserExistsException.class).hasMessageContaining("'alice'");
        assertThatThrownBy(() -> users.add("Alice", Set.of(Role.ADMIN), "admin"))
                .isInstanceOf(UserExistsException.class).hasMessageContaining("differs only in case");

        assertThat(log()).hasSize(before);
        assertThat(users.list()).hasSize(2);
    }

    @Test
    void namesThatCouldHideWhoDidWhatAreRefusedWithTheOffendingCharacter() {
        int before = log().size();
        for (String bad : List.of("", "bob smith", "eve\u001b[31m", "a/b", "-lead", ".hidden", "\u0430lice",
                "x".repeat(65), "coffer", "COFFER", "line\u2028break")) {
            assertThatThrownBy(() -> users.add(bad, Set.of(Role.VIEWER), "admin"))
                    .as(bad)
                    .isInstanceOf(InvalidAccountException.class)
                    .satisfies(e -> assertThat(((InvalidAccountException) e).type()).isEqualTo("invalid-user-name"));
        }
        assertThatThrownBy(() -> users.add("bob smith", Set.of(Role.VIEWER), "admin"))
                .hasMessageContaining("U+0020 at position 3");

        assertThat(log()).hasSize(before);
    }

    @Test
    void namesOfLettersDigitsDotsDashesUnderscoresAndAtSignsAreFine() {
        for (String good : List.of("a", "ci-bot", "jane.doe@example.org", "svc_backup2", "X".repeat(64))) {
            assertThat(users.add(good, Set.of(Role.VIEWER), "admin").name()).isEqualTo(good);
        }
    }

    @Test
    void aUserNeedsAtLeastOneRole() {
        assertThatThrownBy(() -> users.add("alice", Set.of(), "admin"))
                .isInstanceOf(InvalidAccountException.class)
                .hasMessageContaining("at least one role").hasMessageContaining("release-manager");
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheValidOnes() {
        assertThatThrownBy(() -> Role.of("superuser"))
                .isInstanceOf(UnknownRoleException.class)
                .hasMessage("role 'superuser' is not known; valid roles are viewer, librarian, release-manager, "
                        + "approver, auditor, admin, agent");
        assertThat(Role.of(" Release-Manager ")).isEqualTo(Role.RELEASE_MANAGER);
    }

    @Test
    void settingTheRolesAUserHasChangesNothing() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        int before = log().size();

        users.setRoles("alice", Set.of(Role.VIEWER), "admin");

        assertThat(log()).hasSize(before);
    }

    // Tokens

    @Test
    void aTokenCreatedForAUserAuthenticatesAsTheUserWithItsRoles() {
        users.add("alice", Set.of(Role.APPROVER, Role.LIBRARIAN), "admin");

        Tokens.Issued issued = tokens.create("alice", Set.of(Role.APPROVER), "30d", "laptop", "admin");

        assertThat(tokens.authenticate(issued.secret())).contains(new Principal("alice", Set.of(Role.APPROVER)));
        ApiToken t = issued.token();
        assertThat(t.name()).isEqualTo("laptop");
        assertThat(t.user()).isEqualTo("alice");
        assertThat(t.state()).isEqualTo(ApiToken.State.ACTIVE);
        assertThat(t.expiresAt()).isEqualTo("2026-04-01T09:00:00Z");
        assertThat(t.createdBy()).isEqualTo("admin");
        Event created = lastEvent();
        assertThat(created.action()).isEqualTo("token.created");
        assertThat(created.subject()).isEqualTo("token/" + t.id());
        assertThat(Json.canonical(created.details().path("after"))).isEqualTo("{\"expiresAt\":\"2026-04-01T09:00:00Z\","
                + "\"name\":\"laptop\",\"roles\":[\"approver\"],\"user\":\"alice\"}");
    }

    @Test
    void aTokenWithoutRolesGetsAllOfItsUsersRolesAndIsNamedAfterTheUser() {
        users.add("alice", Set.of(Role.APPROVER, Role.LIBRARIAN), "admin");

        Tokens.Issued issued = tokens.create("alice", Set.of(), null, null, "admin");

        assertThat(rolesOf(issued.secret())).containsExactlyInAnyOrder(Role.APPROVER, Role.LIBRARIAN);
        assertThat(issued.token().name()).isEqualTo("alice");
        assertThat(issued.token().expiresAt()).isNull();
    }

    @Test
    void aTokenCannotCarryARoleItsUserLacks() {
        users.add("alice", Set.of(Role.APPROVER), "admin");
        int before = log().size();

        assertThatThrownBy(() -> tokens.create("alice", Set.of(Role.APPROVER, Role.ADMIN), null, null, "admin"))
                .isInstanceOf(RolesBeyondUserException.class)
                .hasMessageContaining("does not have the role admin")
                .hasMessageContaining("the user has approver");

        assertThat(log()).hasSize(before);
        assertThat(tokens.list(Optional.of("alice"))).isEmpty();
    }

    @Test
    void aTokenForAnUnknownUserIsRefused() {
        assertThatThrownBy(() -> tokens.create("nobody", Set.of(), null, null, "admin"))
                .isInstanceOf(NoSuchUserException.class).hasMessageContaining("no user 'nobody'");
        assertThatThrownBy(() -> tokens.list(Optional.of("nobody"))).isInstanceOf(NoSuchUserException.class);
    }

    @Test
    void expiriesAreSpansFromTheServersClockTimesDatesOrNever() {
        users.add("alice", Set.of(Role.VIEWER), "admin");

        assertThat(tokens.create("alice", Set.of(), "90m", null, "admin").token().expiresAt())
                .isEqualTo("2026-03-02T10:30:00Z");
        assertThat(tokens.create("alice", Set.of(), "12h", null, "admin").token().expiresAt())
                .isEqualTo("2026-03-02T21:00:00Z");
        assertThat(tokens.create("alice", Set.of(), "2w", null, "admin").token().expiresAt())
                .isEqualTo("2026-03-16T09:00:00Z");
        assertThat(tokens.create("alice", Set.of(), "2027-01-31T00:00:00Z", null, "admin").token().expiresAt())
                .isEqualTo("2027-01-31T00:00:00Z");
        assertThat(tokens.create("alice", Set.of(), "2027-01-31T02:00:00+02:00", null, "admin").token().expiresAt())
                .isEqualTo("2027-01-31T00:00:00Z");
        assertThat(tokens.create("alice", Set.of(), "2027-01-31", null, "admin").token().expiresAt())
                .isEqualTo("2027-01-31T00:00:00Z");
        assertThat(tokens.create("alice", Set.of(), "never", null, "admin").token().expiresAt()).isNull();
    }

    @Test
    void expiriesThatCannotBeReadHavePassedOrAreTooFarAreRefused() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        int before = log().size();

        for (String bad : List.of("soon", "30", "30x", "-1d", "0d", "2020-01-01T00:00:00Z", "2026-03-02",
                "3653w", "2027-13-01", "30d\u0000")) {
            assertThatThrownBy(() -> tokens.create("alice", Set.of(), bad, null, "admin"))
                    .as(bad)
                    .isInstanceOf(InvalidAccountException.class)
                    .satisfies(e -> assertThat(((InvalidAccountException) e).type()).isEqualTo("invalid-expiry"));
        }
        assertThatThrownBy(() -> tokens.create("alice", Set.of(), "2020-01-01T00:00:00Z", null, "admin"))
                .hasMessageContaining("is not in the future; the server's time is 2026-03-02T09:00:00Z");

        assertThat(log()).hasSize(before);
    }

    @Test
    void aTokenStopsWorkingWhenTheClockReachesItsExpiry() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        String secret = tokens.create("alice", Set.of(), "1h", null, "admin").secret();
        assertThat(tokens.authenticate(secret)).isPresent();

        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.authenticate(secret)).isPresent();
        clock.advance(Duration.ofMinutes(1));

        assertThat(tokens.authenticate(secret)).isEmpty();
        assertThat(tokens.list(Optional.of("alice"))).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(ApiToken.State.EXPIRED);
            assertThat(t.effectiveRoles()).isEmpty();
        });
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceThoughItsLookupWasCached() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        Tokens.Issued issued = tokens.create("alice", Set.of(), null, null, "admin");
        assertThat(tokens.authenticate(issued.secret())).isPresent();

        ApiToken revoked = tokens.revoke(issued.token().id(), "admin");

        assertThat(tokens.authenticate(issued.secret())).isEmpty();
        assertThat(revoked.state()).isEqualTo(ApiToken.State.REVOKED);
        assertThat(revoked.revokedAt()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(revoked.revokedBy()).isEqualTo("admin");
        Event event = lastEvent();
        assertThat(event.action()).isEqualTo("token.revoked");
        assertThat(event.details().path("before").path("state").asText()).isEqualTo("active");
        assertThat(event.details().path("after").path("state").asText()).isEqualTo("revoked");
    }

    @Test
    void revokingARevokedTokenChangesNothingAndAnUnknownIdIsNotFound() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        long id = tokens.create("alice", Set.of(), null, null, "admin").token().id();
        tokens.revoke(id, "admin");
        int before = log().size();
        clock.advance(Duration.ofHours(1));

        ApiToken again = tokens.revoke(id, "someone-else");

        assertThat(again.revokedBy()).isEqualTo("admin");
        assertThat(log()).hasSize(before);
        assertThatThrownBy(() -> tokens.revoke(9999, "admin")).isInstanceOf(NoSuchTokenException.class)
                .hasMessageContaining("no token 9999");
    }

    @Test
    void disablingAUserRevokesAllTheirTokensAtOnce() {
        users.add("alice", Set.of(Role.VIEWER, Role.AUDITOR), "admin");
        Tokens.Issued one = tokens.create("alice", Set.of(), null, "one", "admin");
        Tokens.Issued two = tokens.create("alice", Set.of(Role.AUDITOR), null, "two", "admin");
        assertThat(tokens.authenticate(one.secret())).isPresent();
        assertThat(tokens.authenticate(two.secret())).isPresent();

        User disabled = users.disable("alice", "left the company", "admin");

        assertThat(tokens.authenticate(one.secret())).isEmpty();
        assertThat(tokens.authenticate(two.secret())).isEmpty();
        assertThat(disabled.disabledAt()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(disabled.disabledBy()).isEqualTo("admin");
        assertThat(tokens.list(Optional.of("alice"))).extracting(ApiToken::state)
                .containsOnly(ApiToken.State.REVOKED);
        List<Event> tail = log().subList(log().size() - 3, log().size());
        assertThat(tail).extracting(Event::action).containsExactly("token.revoked", "token.revoked", "user.disabled");
        JsonNode details = tail.get(2).details();
        assertThat(details.path("revokedTokens")).hasSize(2);
        assertThat(details.path("reason").asText()).isEqualTo("left the company");
        assertThat(details.path("before").path("disabled").asBoolean()).isFalse();
        assertThat(details.path("after").path("disabled").asBoolean()).isTrue();
    }

    @Test
    void aDisabledUserCannotBeGivenTokensOrRolesAndDisablingAgainChangesNothing() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        users.disable("alice", null, "admin");
        int before = log().size();

        assertThatThrownBy(() -> tokens.create("alice", Set.of(), null, null, "admin"))
                .isInstanceOf(DisabledUserException.class).hasMessageContaining("disabled by admin");
        assertThatThrownBy(() -> users.setRoles("alice", Set.of(Role.ADMIN), "admin"))
                .isInstanceOf(DisabledUserException.class);
        users.disable("alice", null, "admin");

        assertThat(log()).hasSize(before);
    }

    @Test
    void aTokenMintedForADisabledUserStillAuthenticatesAsNobody() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        users.disable("alice", null, "admin");

        String secret = tokens.mint("late", "alice", Set.of(Role.VIEWER), null, "admin").secret();

        assertThat(tokens.authenticate(secret)).isEmpty();
    }

    @Test
    void takingARoleFromAUserTakesItFromTheirTokensAtOnce() {
        users.add("alice", Set.of(Role.APPROVER, Role.LIBRARIAN), "admin");
        Tokens.Issued issued = tokens.create("alice", Set.of(), null, null, "admin");
        assertThat(rolesOf(issued.secret())).containsExactlyInAnyOrder(Role.APPROVER, Role.LIBRARIAN);

        users.setRoles("alice", Set.of(Role.APPROVER, Role.AUDITOR), "admin");

        assertThat(rolesOf(issued.secret())).containsExactly(Role.APPROVER);
        ApiToken listed = tokens.list(Optional.of("alice")).getFirst();
        assertThat(listed.roles()).containsExactlyInAnyOrder(Role.APPROVER, Role.LIBRARIAN);
        assertThat(listed.effectiveRoles()).containsExactly(Role.APPROVER);
        Event changed = lastEvent();
        assertThat(changed.action()).isEqualTo("user.roles-changed");
        assertThat(Json.canonical(changed.details().path("before").path("roles")))
                .isEqualTo("[\"approver\",\"librarian\"]");
        assertThat(Json.canonical(changed.details().path("after").path("roles")))
                .isEqualTo("[\"approver\",\"auditor\"]");
    }

    @Test
    void theLastEnabledAdminCanNeitherBeDisabledNorLoseTheRole() {
        assertThatThrownBy(() -> users.disable("admin", null, "admin")).isInstanceOf(LastAdminException.class)
                .hasMessageContaining("only enabled user with the admin role");
        assertThatThrownBy(() -> users.setRoles("admin", Set.of(Role.AUDITOR), "admin"))
                .isInstanceOf(LastAdminException.class);

        users.add("root2", Set.of(Role.ADMIN), "admin");
        users.disable("admin", "handed over", "root2");

        assertThat(users.user("admin").disabled()).isTrue();
        assertThatThrownBy(() -> users.setRoles("root2", Set.of(Role.VIEWER), "root2"))
                .isInstanceOf(LastAdminException.class);
    }

    @Test
    void tokenListsNeverHoldSecretsOrTheirHashes() {
        users.add("alice", Set.of(Role.VIEWER), "admin");
        String secret = tokens.create("alice", Set.of(), null, null, "admin").secret();

        String listed = Json.canonical(tokens.list(Optional.empty())) + Json.canonical(log());

        assertThat(listed).doesNotContain(secret).doesNotContain(Tokens.hash(secret))
                .doesNotContain(secret.substring(Tokens.PREFIX.length(), Tokens.PREFIX.length() + 12));
    }

    @Test
    void tokenNamesAreBoundedAndFreeOfControlCharacters() {
        users.add("alice", Set.of(Role.VIEWER), "admin");

        assertThatThrownBy(() -> tokens.create("alice", Set.of(), null, "x".repeat(101), "admin"))
                .isInstanceOf(InvalidAccountException.class).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> tokens.create("alice", Set.of(), null, "ci\u001b[2J", "admin"))
                .isInstanceOf(InvalidAccountException.class).hasMessageContaining("control character");
    }

    // The unchecked path and libraries from before users existed

    @Test
    void mintingForAPrincipalGivesTheUserTheRolesTheTokenNeeds() {
        String approver = tokens.mint("a", "carol", Set.of(Role.APPROVER), null, "admin").secret();
        String manager = tokens.mint("b", "carol", Set.of(Role.RELEASE_MANAGER), null, "admin").secret();

        assertThat(users.user("carol").roles()).containsExactlyInAnyOrder(Role.APPROVER, Role.RELEASE_MANAGER);
        assertThat(rolesOf(approver)).containsExactly(Role.APPROVER);
        assertThat(rolesOf(manager)).containsExactly(Role.RELEASE_MANAGER);
    }

    @Test
    void aTokenWhoseHolderIsNoUserAuthenticatesAsNobodyUntilTheHolderIsAdopted() {
        String secret = Tokens.PREFIX + "legacy-secret-from-before-users-existed";
        db.write(h -> h.createUpdate("INSERT INTO api_token (name, principal, token_hash, roles, created_at) "
                        + "VALUES ('old', 'legacy', :hash, 'auditor,viewer', '2025-01-01T00:00:00Z')")
                .bind("hash", Tokens.hash(secret)).execute());
        assertThat(tokens.authenticate(secret)).isEmpty();

        List<String> adopted = users.adoptTokenHolders();

        assertThat(adopted).containsExactly("legacy");
        assertThat(users.user("legacy").roles()).containsExactlyInAnyOrder(Role.AUDITOR, Role.VIEWER);
        assertThat(users.user("legacy").createdBy()).isEqualTo("coffer");
        assertThat(rolesOf(secret)).containsExactlyInAnyOrder(Role.AUDITOR, Role.VIEWER);
        assertThat(users.adoptTokenHolders()).isEmpty();
    }

    @Test
    void everyChangeLeavesAnIntactHashChain() {
        users.add("alice", Set.of(Role.VIEWER, Role.APPROVER), "admin");
        long id = tokens.create("alice", Set.of(), "1d", null, "admin").token().id();
        users.setRoles("alice", Set.of(Role.VIEWER), "admin");
        tokens.revoke(id, "admin");
        users.disable("alice", null, "admin");

        assertThat(events.verify(db)).isInstanceOf(ChainCheck.Intact.class);
        assertThat(log()).extracting(Event::action).containsExactly("user.added", "token.created", "user.added",
                "token.created", "user.roles-changed", "token.revoked", "user.disabled");
    }
}
