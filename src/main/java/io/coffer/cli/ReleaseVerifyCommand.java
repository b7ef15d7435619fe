package io.coffer.cli;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.release.Approval;
import io.coffer.release.Manifest;
import io.coffer.release.export.ManifestVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer release verify MANIFEST --key PUBKEY}: checks a signed release manifest offline,
 * without a server. Exit codes: 0 valid, 74 the signature does not hold (content changed, another
 * key), 65 the manifest or key cannot be read as one, 66 a file is missing.
 */
@Command(name = "verify", description = {
        "Check a signed release manifest against the server's public key, offline.",
        "Exit 0 when valid, 74 when the signature does not hold, 65 when the manifest or key is malformed,"
                + " 66 when a file is missing."})
final class ReleaseVerifyCommand implements Callable<Integer> {

    /** Larger files are refused rather than read into memory; a manifest of 100,000 items is ~30 MiB. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The signed manifest (JSON).")
    Path manifest;

    @Option(names = "--key", required = true, paramLabel = "PUBKEY",
            description = "The server's public key (PEM), e.g. release-signing.pub.")
    Path key;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] document;
        String pem;
        try {
            document = read(manifest, "manifest");
            pem = new String(read(key, "key"), StandardCharsets.UTF_8);
        } catch (CofferException e) {
            err.println("coffer: " + Table.clean(e.getMessage()));
            return e.failure().exitCode();
        }
        return switch (ManifestVerifier.verify(document, pem)) {
            case ManifestVerifier.Valid valid -> {
                summary(out, valid);
                yield 0;
            }
            case ManifestVerifier.Invalid invalid -> {
                String prefix = invalid.problem().failure() == Failure.INTEGRITY
                        ? "manifest INVALID: " : "cannot verify " + manifest + ": ";
                err.println("coffer: " + Table.clean(prefix + invalid.reason()));
                yield invalid.problem().failure().exitCode();
            }
        };
    }

    private static void summary(PrintWriter out, ManifestVerifier.Valid valid) {
        Manifest m = valid.manifest();
        out.printf("manifest OK: release %s, signed with Ed25519 key %s%n", Table.clean(m.release()), valid.keyId());
        if (m.title() != null) {
            out.printf("title:      %s%n", Table.clean(m.title()));
        }
        out.printf("type:       %s%n", Table.clean(String.valueOf(m.type())));
        out.printf("items:      %d%n", m.items().size());
        out.printf("frozen at:  %s%n", Table.clean(m.frozenAt()));
        out.printf("approvals:  %s%n", approvals(m));
    }

    private static String approvals(Manifest m) {
        if (m.approvals() == null || m.approvals().isEmpty()) {
            return "none";
        }
        return m.approvals().stream()
                .map(ReleaseVerifyCommand::approval)
                .collect(Collectors.joining(", "));
    }

    private static String approval(Approval a) {
        return Table.clean(a.approver() + " " + a.decision() + (a.at() == null ? "" : " at " + a.at()));
    }

    private static byte[] read(Path file, String what) {
        try {
            if (!Files.exists(file)) {
                throw new CofferException(Failure.NOT_FOUND, "the " + what + " file " + file + " does not exist");
            }
            if (!Files.isRegularFile(file)) {
                throw new CofferException(Failure.NOT_FOUND, "the " + what + " file " + file
                        + " is not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new CofferException(Failure.INVALID, "the " + what + " file " + file + " is " + size
                        + " bytes long; expected at most " + MAX_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CofferException(Failure.NOT_FOUND, "cannot read the " + what + " file " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
