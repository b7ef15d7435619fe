package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.release.Approval;
import io.coffer.release.Manifest;
import io.coffer.release.ReleaseItem;
import io.coffer.release.SigningKey;
import io.coffer.release.ManifestDocument;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReleaseVerifyCommandTest {

    private static final String DIGEST = "a".repeat(64);

    @TempDir
    Path keys;

    @TempDir
    Path work;

    Path manifestFile;
    Path keyFile;
    String document;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void signAManifest() throws Exception {
        SigningKey key = SigningKey.openOrCreate(keys);
        Manifest manifest = new Manifest(Manifest.FORMAT, "REL-2027-0003", "Quarterly patches", "major", "olivia",
                "arthur", null, null, null,
                List.of(new ReleaseItem("nginx", "1.24.0", "nginx.deb", 10, DIGEST, "BSD-2-Clause", null),
                        new ReleaseItem("curl", "8.5.0", "curl.deb", 20, "b".repeat(64), "curl", null)),
                List.of(new Approval("cab-anna", "approved", null, "2027-02-20T10:00:00Z"),
                        new Approval("cab-bob", "approved", "ok", "2027-02-20T11:00:00Z")),
                "2027-02-21T08:00:00Z", 1);
        document = ManifestDocument.of(key.sign(manifest)).toJson();
        manifestFile = work.resolve("REL-2027-0003.manifest.json");
        Files.writeString(manifestFile, document);
        keyFile = work.resolve("release-signing.pub");
        Files.writeString(keyFile, key.publicKeyPem());
    }

    private static Run verify(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReleaseVerifyCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aValidManifestExitsZeroWithASummary() throws Exception {
        Run run = verify(manifestFile.toString(), "--key", keyFile.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                manifest OK: release REL-2027-0003, signed with Ed25519 key %s
                title:      Quarterly patches
                type:       major
                items:      2
                frozen at:  2027-02-21T08:00:00Z
                approvals:  cab-anna approved at 2027-02-20T10:00:00Z, cab-bob approved at 2027-02-20T11:00:00Z
                """.formatted(SigningKey.openOrCreate(keys).keyId()));
    }

    @Test
    void anAlteredManifestExitsWith74AndSaysTheSignatureDoesNotVerify() throws Exception {
        Files.writeString(manifestFile, document.replace(DIGEST, "0" + DIGEST.substring(1)));

        Run run = verify(manifestFile.toString(), "--key", keyFile.toString());

        assertThat(run.exit()).isEqualTo(74);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("coffer: manifest INVALID: the signature does not verify with key "
                + SigningKey.openOrCreate(keys).keyId() + ": the manifest (or the signature) was changed after"
                + " signing\n");
    }

    @Test
    void anotherServersKeyExitsWith74() throws Exception {
        Files.writeString(keyFile, SigningKey.openOrCreate(work.resolve("other")).publicKeyPem());

        Run run = verify(manifestFile.toString(), "--key", keyFile.toString());

        assertThat(run.exit()).isEqualTo(74);
        assertThat(run.err()).startsWith("coffer: manifest INVALID: the manifest was signed with key '");
    }

    @Test
    void aMalformedManifestExitsWith65() throws Exception {
        Files.writeString(manifestFile, "{\"manifest\": {}}");

        Run run = verify(manifestFile.toString(), "--key", keyFile.toString());

        assertThat(run.exit()).isEqualTo(65);
        assertThat(run.err()).isEqualTo("coffer: cannot verify " + manifestFile + ": the document has no"
                + " \"signature\"; expected {\"algorithm\", \"keyId\", \"value\"}: is this an unsigned manifest?\n");
    }

    @Test
    void aMalformedKeyFileExitsWith65() throws Exception {
        Files.writeString(keyFile, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI me@host\n");

        Run run = verify(manifestFile.toString(), "--key", keyFile.toString());

        assertThat(run.exit()).isEqualTo(65);
        assertThat(run.err()).isEqualTo("coffer: cannot verify " + manifestFile + ": the key file is not an Ed25519"
                + " public key: expected a PEM block from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----\n");
    }

    @Test
    void aMissingManifestOrKeyFileExitsWith66() {
        Path absent = work.resolve("absent.json");

        Run noManifest = verify(absent.toString(), "--key", keyFile.toString());
        Run noKey = verify(manifestFile.toString(), "--key", work.resolve("absent.pub").toString());
        Run directory = verify(work.toString(), "--key", keyFile.toString());

        assertThat(noManifest.exit()).isEqualTo(66);
        assertThat(noManifest.err()).isEqualTo("coffer: the manifest file " + absent + " does not exist\n");
        assertThat(noKey.exit()).isEqualTo(66);
        assertThat(noKey.err()).isEqualTo("coffer: the key file " + work.resolve("absent.pub") + " does not exist\n");
        assertThat(directory.exit()).isEqualTo(66);
        assertThat(directory.err()).isEqualTo("coffer: the manifest file " + work + " is not a regular file\n");
    }

    @Test
    void controlCharactersInTheManifestDoNotReachTheTerminal() throws Exception {
        SigningKey key = SigningKey.openOrCreate(keys);
        Manifest manifest = new Manifest(1, "REL-1", "evil\u001b[2Jtitle", "minor", null, null, null, null, null,
                List.of(), List.of(), "2027-02-21T08:00:00Z", 1);
        Files.writeString(manifestFile, ManifestDocument.of(key.sign(manifest)).toJson(), StandardCharsets.UTF_8);

        Run run = verify(manifestFile.toString(), "--key", keyFile.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("title:      evil?[2Jtitle\n").doesNotContain("\u001b");
        assertThat(run.out()).contains("approvals:  none\n");
    }
}
