package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import io.coffer.auth.Role;
import io.coffer.release.SigningKey;
import io.coffer.release.TestClock;
import io.coffer.server.CofferServer;
import io.coffer.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release programme from the command line against a real server whose clock the test moves:
 * each person with a token of their own role, from draft to closed.
 */
class ReleaseCliTest {

    static final String POLICY = """
            types:
              major:
                approvals: 2
                testEvidence: true
                windows:
                  - Saturday 02:00-06:00 Europe/London
              minor:
                approvals: 1
              emergency:
                approvals: 1
            freezes:
              - name: year end
                from: 2027-12-20
                to: 2028-01-02
                zone: Europe/London
            """;

    @TempDir
    Path data;

    @TempDir
    Path work;

    TestClock clock = TestClock.at("2027-03-01T10:00:00Z");
    CofferServer server;
    String url;
    Map<String, String> tokens = new HashMap<>();

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        server = CofferServer.start(ServerConfig.embedded(data, 0), clock,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        url = "http://127.0.0.1:" + server.port();
        tokens.put("admin", Files.readString(data.resolve("admin.token")).strip());
        mint("rita", Role.RELEASE_MANAGER);
        mint("olga", Role.APPROVER);
        mint("carl", Role.APPROVER);
        mint("dora", Role.APPROVER);
        mint("vic", Role.VIEWER);
        mint("agent-7", Role.AGENT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void mint(String who, Role role) {
        tokens.put(who, server.tokens().mint("t-" + who, who, Set.of(role), null, "admin").secret());
    }

    private Run as(String who, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("COFFER_URL", url);
        env.put("COFFER_TOKEN", tokens.get(who));
        env.put("COFFER_CONFIG", work.resolve("no-config").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Coffer.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws Exception {
        Path f = work.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private void pushNginx() throws Exception {
        Run push = as("admin", "push", file("nginx_1.24.0-1_amd64.deb", "nginx bytes").toString(),
                "--product", "nginx", "--version", "1.24.0-1", "--scheme", "debian", "--license", "BSD-2-Clause");
        assertThat(push.exit()).as(push.err()).isZero();
    }

    @Test
    void aMajorReleaseGoesFromDraftToClosedWithEachRoleDoingItsPart() throws Exception {
        pushNginx();
        Path policy = file("policy.yaml", POLICY);

        Run notAdmin = as("rita", "policy", "set", policy.toString());
        Run setPolicy = as("admin", "policy", "set", policy.toString());
        Run create = as("rita", "release", "create", "--title", "Web tier refresh", "--type", "major", "--owner",
                "olga", "--start", "2027-03-06T02:00", "--end", "2027-03-06T04:00", "--zone", "Europe/London",
                "--notes", "nginx 1.24", "--backout-plan", "reinstall 1.22");
        Run add = as("rita", "release", "add", "REL-2027-0001", "nginx@1.24.0-1");
        Run noEvidence = as("rita", "release", "submit", "REL-2027-0001");
        Run evidence = as("rita", "release", "evidence", "REL-2027-0001",
                file("load-test.txt", "1000 rps, p99 80 ms").toString());
        Run submit = as("rita", "release", "submit", "REL-2027-0001");
        Run byManager = as("rita", "release", "approve", "REL-2027-0001");
        Run byOwner = as("olga", "release", "approve", "REL-2027-0001");
        Run first = as("carl", "release", "approve", "REL-2027-0001", "--comment", "tested in staging");
        Run second = as("dora", "release", "approve", "REL-2027-0001");
        Run schedule = as("rita", "release", "schedule", "REL-2027-0001");
        Run early = as("rita", "release", "deploy", "REL-2027-0001");
        clock.set("2027-03-06T02:05:00Z");
        Run deploy = as("rita", "release", "deploy", "REL-2027-0001");
        Run close = as("rita", "release", "close", "REL-2027-0001", "--review", "no incidents");
        Run ls = as("vic", "release", "ls", "--status", "closed");
        Run history = as("vic", "release", "history", "REL-2027-0001");

        assertThat(notAdmin.exit()).isEqualTo(77);
        assertThat(setPolicy.out()).isEqualTo("release policy version 1 in effect\n");
        assertThat(create.out()).isEqualTo("created REL-2027-0001 (major, draft): Web tier refresh\n");
        assertThat(add.out()).isEqualTo("REL-2027-0001 holds nginx 1.24.0-1: nginx_1.24.0-1_amd64.deb\n");
        assertThat(noEvidence.exit()).isEqualTo(73);
        assertThat(noEvidence.err()).isEqualTo("coffer: refused by rule 'test-evidence': major releases need test "
                + "evidence under policy version 1, and REL-2027-0001 has none; attach it (coffer release evidence "
                + "REL-2027-0001 FILE)\n");
        assertThat(evidence.out()).isEqualTo("attached 'load-test.txt' to REL-2027-0001\n");
        assertThat(submit.out()).isEqualTo("REL-2027-0001 is submitted\n");
        assertThat(byManager.exit()).isEqualTo(77);
        assertThat(byOwner.exit()).isEqualTo(73);
        assertThat(byOwner.err()).startsWith("coffer: refused by rule 'no-self-approval': olga is the owner");
        assertThat(first.out()).isEqualTo("REL-2027-0001 is submitted\n  1 approval\n");
        assertThat(second.out()).startsWith("REL-2027-0001 is approved\n  2 approvals\n  manifest signed: sha256 ");
        assertThat(schedule.out()).isEqualTo("REL-2027-0001 is scheduled\n"
                + "  window 2027-03-06T02:00Z to 2027-03-06T04:00Z Europe/London\n");
        assertThat(early.exit()).isEqualTo(73);
        assertThat(early.err()).contains("'window-open'");
        assertThat(deploy.out()).isEqualTo("REL-2027-0001 is deployed\n");
        assertThat(close.out()).isEqualTo("REL-2027-0001 is closed\n");
        assertThat(ls.out()).isEqualTo(
                "RELEASE        TYPE   STATUS  ITEMS  WINDOW                                                "
                + "OWNER  TITLE\n"
                + "REL-2027-0001  major  closed  1      2027-03-06T02:00Z to 2027-03-06T04:00Z Europe/London  olga   "
                + "Web tier refresh\n");
        assertThat(history.out().lines().skip(1).map(l -> l.split("\\s+")[2] + " " + l.split("\\s+")[3]))
                .containsExactly("rita release.created", "rita release.items-added", "rita release.evidence-added",
                        "rita release.submitted", "carl release.approval", "dora release.approval",
                        "dora release.approved", "rita release.scheduled", "rita release.deployed",
                        "rita release.closed");
    }

    @Test
    void theSignedManifestVerifiesWithTheDownloadedPublicKey() throws Exception {
        pushNginx();
        as("rita", "release", "create", "--title", "Hotfix", "--type", "minor");
        as("rita", "release", "add", "REL-2027-0001", "nginx@latest");
        as("rita", "release", "submit", "REL-2027-0001");
        as("carl", "release", "approve", "REL-2027-0001");
        Path manifest = work.resolve("m.json");
        Path pub = work.resolve("release-signing.pub");

        Run download = as("agent-7", "release", "manifest", "REL-2027-0001", "-o", manifest.toString());
        Run key = as("agent-7", "release", "key", "-o", pub.toString());
        Run printed = as("vic", "release", "manifest", "REL-2027-0001");

        assertThat(download.exit()).as(download.err()).isZero();
        assertThat(key.exit()).as(key.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(Files.readString(manifest));
        PublicKey publicKey = SigningKey.readPublicKey(Files.readString(pub));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(SigningKey.canonicalBytes(doc.path("manifest")));
        assertThat(verifier.verify(Base64.getDecoder().decode(doc.path("signature").path("value").asText())))
                .isTrue();
        assertThat(doc.path("manifest").path("items").get(0).path("product").asText()).isEqualTo("nginx");
        assertThat(doc.path("manifest").path("approvals").get(0).path("approver").asText()).isEqualTo("carl");
        assertThat(printed.out()).isEqualTo(Files.readString(manifest) + "\n");
    }

    @Test
    void exportsDiffNotesSbomCalendarAndAnOfflineVerifiedManifest() throws Exception {
        pushNginx();
        as("rita", "release", "create", "--title", "Web tier", "--type", "minor", "--start", "2027-03-06T02:00",
                "--end", "2027-03-06T04:00", "--zone", "Europe/London");
        as("rita", "release", "add", "REL-2027-0001", "nginx@1.24.0-1");
        as("rita", "release", "submit", "REL-2027-0001");
        as("carl", "release", "approve", "REL-2027-0001");
        as("rita", "release", "schedule", "REL-2027-0001");
        Run pushNewer = as("admin", "push", file("nginx_1.26.0-1_amd64.deb", "newer nginx").toString(),
                "--product", "nginx", "--version", "1.26.0-1");
        as("rita", "release", "create", "--title", "Web tier, next", "--type", "minor", "--baseline",
                "REL-2027-0001");
        as("rita", "release", "rm", "REL-2027-0002", "nginx");
        as("rita", "release", "add", "REL-2027-0002", "nginx@1.26.0-1");
        Path manifest = work.resolve("m.json");
        Path pub = work.resolve("key.pub");
        as("vic", "release", "manifest", "REL-2027-0001", "-o", manifest.toString());
        as("vic", "release", "key", "-o", pub.toString());

        Run diff = as("vic", "release", "diff", "REL-2027-0002");
        Run notes = as("vic", "release", "notes", "REL-2027-0002");
        Run sbom = as("agent-7", "release", "sbom", "REL-2027-0001");
        Run calendar = as("vic", "release", "calendar");
        Run verify = as("vic", "release", "verify", manifest.toString(), "--key", pub.toString());
        Files.writeString(manifest, Files.readString(manifest).replace("1.24.0-1", "1.24.0-2"));
        Run tampered = as("vic", "release", "verify", manifest.toString(), "--key", pub.toString());

        assertThat(pushNewer.exit()).as(pushNewer.err()).isZero();
        assertThat(diff.exit()).as(diff.err()).isZero();
        assertThat(diff.out()).startsWith("REL-2027-0002 against REL-2027-0001")
                .containsPattern("nginx +upgraded +1\\.24\\.0-1 +1\\.26\\.0-1");
        assertThat(notes.out()).contains("REL-2027-0001").contains("1.26.0-1");
        JsonNode bom = Json.MAPPER.readTree(sbom.out());
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("components").get(0).path("hashes").get(0).path("content").asText()).hasSize(64);
        assertThat(calendar.out()).startsWith("BEGIN:VCALENDAR").contains("REL-2027-0001");
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(tampered.exit()).isEqualTo(74);
    }

    @Test
    void showListsTheContentApprovalsAndHistoryAndJsonGivesTheRecord() throws Exception {
        pushNginx();
        as("rita", "release", "create", "--title", "Hotfix", "--type", "minor", "--notes", "line one\nline two");
        as("rita", "release", "add", "REL-2027-0001", "nginx@1.24.0-1");
        as("rita", "release", "submit", "REL-2027-0001");
        as("carl", "release", "reject", "REL-2027-0001", "--comment", "no back-out plan");

        Run show = as("vic", "release", "show", "REL-2027-0001");
        Run json = as("vic", "release", "show", "REL-2027-0001", "--json");

        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).startsWith("""
                release        REL-2027-0001
                title          Hotfix
                type           minor
                status         rejected
                owner          rita
                author         rita
                policy         0
                created        2027-03-01T10:00:00Z
                updated        2027-03-01T10:00:00Z
                notes
                  line one
                  line two
                """);
        assertThat(show.out()).contains("nginx    1.24.0-1  nginx_1.24.0-1_amd64.deb  11    ")
                .contains("carl      rejected  2027-03-01T10:00:00Z  no back-out plan")
                .contains("2027-03-01T10:00:00Z  submitted  rejected   carl  no back-out plan");
        JsonNode r = Json.MAPPER.readTree(json.out());
        assertThat(r.path("status").asText()).isEqualTo("rejected");
        assertThat(r.path("type").asText()).isEqualTo("minor");
        assertThat(r.path("history")).hasSize(3);
    }

    @Test
    void policyShowPrintsTheTextInEffectAndItsVersions() throws Exception {
        Run builtIn = as("vic", "policy", "show");
        as("admin", "policy", "set", file("p.toml", """
                [types.major]
                approvals = 3
                [types.minor]
                approvals = 1
                [types.emergency]
                approvals = 1
                """).toString());
        Run shown = as("vic", "policy", "show");
        Run old = as("vic", "policy", "show", "--version", "0");
        Run versions = as("vic", "policy", "versions");
        Run bad = as("admin", "policy", "set", file("bad.yaml", "types: {}\n").toString());

        assertThat(builtIn.out()).startsWith("# release policy version 0 (built in)\n# Coffer's built-in");
        assertThat(shown.out()).isEqualTo("# release policy version 1 (toml), set by admin at 2027-03-01T10:00:00Z\n"
                + "[types.major]\napprovals = 3\n[types.minor]\napprovals = 1\n[types.emergency]\napprovals = 1\n");
        assertThat(old.out()).isEqualTo(builtIn.out());
        assertThat(versions.out().lines()).hasSize(3);
        assertThat(versions.out().lines().toList().get(2)).startsWith("1        toml    admin   2027-03-01T10:00:00Z");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err()).isEqualTo("coffer: 'types' has no mapping for 'major'; the policy must give the rules "
                + "of major, minor and emergency releases\n");
    }

    @Test
    void misuseGetsOneLineAndItsExitCode() throws Exception {
        pushNginx();
        as("rita", "release", "create", "--title", "Hotfix", "--type", "minor");

        Run noAt = as("rita", "release", "add", "REL-2027-0001", "nginx");
        Run unknown = as("rita", "release", "show", "REL-2027-0099");
        Run badId = as("rita", "release", "show", "release-one");
        Run viewer = as("vic", "release", "create", "--title", "x", "--type", "minor");
        Run missingType = as("rita", "release", "create", "--title", "x");
        Run illegal = as("rita", "release", "deploy", "REL-2027-0001");
        Run partialWindow = as("rita", "release", "schedule", "REL-2027-0001", "--start", "2027-03-06T02:00");

        assertThat(noAt.exit()).isEqualTo(65);
        assertThat(noAt.err()).isEqualTo("coffer: 'nginx' is not PRODUCT@VERSION, e.g. nginx@1.24.0-1\n");
        assertThat(unknown.exit()).isEqualTo(66);
        assertThat(unknown.err()).isEqualTo("coffer: no release REL-2027-0099\n");
        assertThat(badId.exit()).isEqualTo(65);
        assertThat(viewer.exit()).isEqualTo(77);
        assertThat(missingType.exit()).isEqualTo(65);
        assertThat(illegal.exit()).isEqualTo(73);
        assertThat(illegal.err()).isEqualTo("coffer: refused by rule 'lifecycle': REL-2027-0001 is draft; a release "
                + "can deploy only from scheduled\n");
        assertThat(partialWindow.exit()).isEqualTo(65);
    }
}
