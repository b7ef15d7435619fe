package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.testing.AdjustableClock;
import io.coffer.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coffer user} and {@code coffer token} against a real server whose clock stands still. */
class AdminCliTest {

    @TempDir
    Path data;

    @TempDir
    Path work;

    AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-02T09:00:00Z"));
    TestServer server;
    Map<String, String> env = new HashMap<>();

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() {
        server = TestServer.start(data, clock);
        env.put("COFFER_URL", server.url());
        env.put("COFFER_TOKEN", server.adminToken());
        env.put("COFFER_CONFIG", work.resolve("no-config").toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run coffer(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Coffer.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run as(String secret, String... args) {
        String admin = env.put("COFFER_TOKEN", secret);
        try {
            return coffer(args);
        } finally {
            env.put("COFFER_TOKEN", admin);
        }
    }

    private static String secretOf(Run created) {
        return created.out().lines().reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void anAdminAddsAnApproverWhoseTokenWorksForReadingButNotForPushing() throws Exception {
        Run add = coffer("user", "add", "alice", "--role", "approver", "--role", "librarian");
        Run create = coffer("token", "create", "--user", "alice", "--role", "approver", "--expires", "30d",
                "--name", "laptop");
        String secret = secretOf(create);
        java.nio.file.Files.writeString(work.resolve("f.bin"), "x");

        Run read = as(secret, "ls");
        Run push = as(secret, "push", work.resolve("f.bin").toString(), "--product", "p", "--version", "1.0.0");

        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("added user alice with roles approver, librarian\n");
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).startsWith("created token 2 'laptop' for alice with roles approver, expires "
                + "2026-04-01T09:00:00Z\nits secret, shown only this once:\ncoffer_");
        assertThat(create.out().lines()).hasSize(3);
        assertThat(read.exit()).as(read.err()).isZero();
        assertThat(push.exit()).isEqualTo(77);
        assertThat(push.err()).isEqualTo("coffer: alice may not POST /api/v1/media: it needs one of the roles "
                + "[admin, librarian]\n");
    }

    @Test
    void usersAndTokensAreListedAndShownWithoutSecrets() {
        coffer("user", "add", "alice", "--role", "approver,auditor");
        String secret = secretOf(coffer("token", "create", "--user", "alice", "--expires", "2027-01-31"));
        clock.advance(Duration.ofHours(1));
        coffer("user", "add", "ci-bot", "--role", "librarian");

        Run users = coffer("user", "ls");
        Run show = coffer("user", "show", "alice");
        Run tokens = coffer("token", "ls");
        Run mine = coffer("token", "ls", "--user", "ci-bot");

        assertThat(users.out()).isEqualTo("""
                USER    ROLES             STATE    CREATED               BY
                admin   admin             enabled  2026-03-02T09:00:00Z  coffer
                alice   approver,auditor  enabled  2026-03-02T09:00:00Z  admin
                ci-bot  librarian         enabled  2026-03-02T10:00:00Z  admin
                """);
        assertThat(show.out()).isEqualTo("""
                user         alice
                roles        approver, auditor
                created      2026-03-02T09:00:00Z (by admin)

                ID  NAME   USER   ROLES             STATE   CREATED               EXPIRES
                2   alice  alice  approver,auditor  active  2026-03-02T09:00:00Z  2027-01-31T00:00:00Z
                """);
        assertThat(tokens.out()).isEqualTo("""
                ID  NAME   USER   ROLES             STATE   CREATED               EXPIRES
                2   alice  alice  approver,auditor  active  2026-03-02T09:00:00Z  2027-01-31T00:00:00Z
                1   admin  admin  admin             active  2026-03-02T09:00:00Z  never
                """);
        assertThat(mine.out()).isEqualTo("ID  NAME  USER  ROLES  STATE  CREATED  EXPIRES\n");
        for (Run r : new Run[] {users, show, tokens, mine}) {
            assertThat(r.exit()).isZero();
            assertThat(r.out()).doesNotContain(secret.substring(7, 20));
        }
    }

    @Test
    void revokingATokenOrDisablingItsUserRefusesItAtOnce() {
        coffer("user", "add", "alice", "--role", "viewer");
        coffer("user", "add", "bob", "--role", "viewer");
        String alices = secretOf(coffer("token", "create", "--user", "alice"));
        String bobs = secretOf(coffer("token", "create", "--user", "bob"));
        assertThat(as(alices, "ls").exit()).isZero();
        assertThat(as(bobs, "ls").exit()).isZero();

        Run revoke = coffer("token", "revoke", "2");
        Run disable = coffer("user", "disable", "bob", "--reason", "left the company");

        assertThat(revoke.out()).isEqualTo("token 2 'alice' of alice is revoked (since 2026-03-02T09:00:00Z, by "
                + "admin)\n");
        assertThat(disable.out()).isEqualTo("user bob is disabled (since 2026-03-02T09:00:00Z, by admin); their "
                + "tokens no longer work\n");
        Run alice = as(alices, "ls");
        Run bob = as(bobs, "ls");
        assertThat(alice.exit()).isEqualTo(77);
        assertThat(alice.err()).isEqualTo("coffer: the bearer token is not valid: unknown, expired or revoked\n");
        assertThat(bob.exit()).isEqualTo(77);
        assertThat(coffer("token", "ls", "--user", "bob").out()).contains("  revoked  ");
    }

    @Test
    void aTokenStopsWorkingWhenTheServersClockPassesItsExpiry() {
        coffer("user", "add", "alice", "--role", "viewer");
        String secret = secretOf(coffer("token", "create", "--user", "alice", "--expires", "2h"));
        assertThat(as(secret, "ls").exit()).isZero();

        clock.advance(Duration.ofHours(2));

        assertThat(as(secret, "ls").exit()).isEqualTo(77);
        assertThat(coffer("token", "ls", "--user", "alice").out()).contains("  expired  ");
    }

    @Test
    void changingRolesIsShownAndTakesTheRoleFromTheTokens() {
        coffer("user", "add", "alice", "--role", "librarian,viewer");
        String secret = secretOf(coffer("token", "create", "--user", "alice"));

        Run roles = coffer("user", "roles", "alice", "--role", "viewer");

        assertThat(roles.out()).isEqualTo("user alice now has roles viewer\n");
        assertThat(coffer("token", "ls", "--user", "alice").out()).contains("  viewer  active");
        assertThat(as(secret, "status", "p", "1.0.0", "withdrawn", "--reason", "x").exit()).isEqualTo(77);
    }

    @Test
    void eachKindOfBadRequestHasItsExitCodeAndOneLine() {
        coffer("user", "add", "alice", "--role", "approver");

        Run unknownRole = coffer("user", "add", "bob", "--role", "root");
        Run duplicate = coffer("user", "add", "alice", "--role", "viewer");
        Run unknownUser = coffer("token", "create", "--user", "ghost");
        Run beyond = coffer("token", "create", "--user", "alice", "--role", "admin");
        Run badExpiry = coffer("token", "create", "--user", "alice", "--expires", "soon");
        Run badName = coffer("user", "add", "bad\u001bname", "--role", "viewer");
        Run noRole = coffer("user", "add", "carol");
        Run noSuchToken = coffer("token", "revoke", "99");
        Run lastAdmin = coffer("user", "disable", "admin");
        Run bare = coffer("user");

        assertThat(unknownRole.exit()).isEqualTo(65);
        assertThat(unknownRole.err()).isEqualTo("coffer: role 'root' is not known; valid roles are viewer, librarian, "
                + "release-manager, approver, auditor, admin, agent\n");
        assertThat(duplicate.exit()).isEqualTo(73);
        assertThat(unknownUser.exit()).isEqualTo(66);
        assertThat(unknownUser.err()).isEqualTo("coffer: no user 'ghost'; 'coffer user ls' lists the users\n");
        assertThat(beyond.exit()).isEqualTo(73);
        assertThat(beyond.err()).isEqualTo("coffer: user 'alice' does not have the role admin, so no token of theirs "
                + "can carry it; the user has approver. Give the user the role first ('coffer user roles')\n");
        assertThat(badExpiry.exit()).isEqualTo(65);
        assertThat(badName.exit()).isEqualTo(65);
        assertThat(badName.err()).contains("U+001B at position 3").doesNotContain("\u001b");
        assertThat(noRole.exit()).isEqualTo(64);
        assertThat(noSuchToken.exit()).isEqualTo(66);
        assertThat(lastAdmin.exit()).isEqualTo(73);
        assertThat(bare.exit()).isEqualTo(64);
        for (Run r : new Run[] {unknownRole, duplicate, unknownUser, beyond, badExpiry, badName, noSuchToken,
                lastAdmin}) {
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(coffer("user", "ls").out().lines()).hasSize(3);
    }
}
