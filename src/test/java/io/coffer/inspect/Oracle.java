package io.coffer.inspect;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real Debian and RPM tools whose answers the tests take as the truth, so that what the
 * inspector reads is compared with what dpkg and rpm themselves report, not with the parser's own
 * idea of the format. A missing tool fails the test with a message saying what to install.
 */
final class Oracle {

    private static final String INSTALL_HINT = "; the inspection tests use it as an oracle. Run ./run-tests, "
            + "which installs it, or apt-get install ";

    private Oracle() {
    }

    /** The fields dpkg-deb reports for {@code deb}, in the order asked. */
    static Map<String, String> dpkgFields(Path deb, String... fields) {
        List<String> command = new ArrayList<>(List.of("dpkg-deb", "-f", deb.toString()));
        command.addAll(List.of(fields));
        Map<String, String> values = new LinkedHashMap<>();
        String current = null;
        for (String line : run("dpkg", command).split("\n")) {
            if (line.startsWith(" ") && current != null) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                current = line.substring(0, colon);
                values.put(current, line.substring(colon + 1).strip());
            }
        }
        return values;
    }

    /** The copyright file of {@code pkg} as dpkg-deb and tar extract it from {@code deb}. */
    static String dpkgCopyright(Path deb, String pkg) {
        String script = "dpkg-deb --fsys-tarfile \"$1\" | tar -xOf - \"./usr/share/doc/$2/copyright\"";
        return run("dpkg", List.of("sh", "-c", script, "sh", deb.toString(), pkg));
    }

    /** Builds a .deb from {@code root} (which holds DEBIAN/control) with the given compressor. */
    static void dpkgBuild(Path root, String compressor, Path out) {
        run("dpkg", List.of("dpkg-deb", "--root-owner-group", "-Z" + compressor, "--build", root.toString(),
                out.toString()));
    }

    /** What {@code rpm -qp} reports for the tags the inspector maps, with "(none)" for absent ones. */
    static Map<String, String> rpmTags(Path rpm) {
        String[] names = {"NAME", "EPOCHNUM", "VERSION", "RELEASE", "ARCH", "LICENSE", "VENDOR", "SUMMARY", "EPOCH",
            "PACKAGER"};
        StringBuilder format = new StringBuilder();
        for (String n : names) {
            format.append(format.isEmpty() ? "" : "|").append("%{").append(n).append('}');
        }
        String[] values = run("rpm", List.of("rpm", "-qp", "--nosignature", "--nodigest", "--qf", format.toString(),
                rpm.toString())).split("\\|", -1);
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            tags.put(names[i], values[i]);
        }
        return tags;
    }

    /** The number of entries {@code tar -tf} lists for {@code archive}. */
    static int tarEntryCount(Path archive) {
        return run("tar", List.of("tar", "-tf", archive.toString())).split("\n").length;
    }

    /** Runs {@code command} in {@code directory} and returns its standard output. */
    static String runIn(Path directory, String debianPackage, List<String> command) {
        return execute(directory, debianPackage, command);
    }

    private static String run(String debianPackage, List<String> command) {
        return execute(null, debianPackage, command);
    }

    private static String execute(Path directory, String debianPackage, List<String> command) {
        String tool = command.get(0).equals("sh") ? firstTool(command.get(2)) : command.get(0);
        if (!onPath(tool)) {
            fail(tool + " is not installed" + INSTALL_HINT + debianPackage);
        }
        try {
            Path errors = Files.createTempFile("oracle", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 60 seconds");
            }
            String stderr = Files.readString(errors);
            Files.delete(errors);
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited with " + process.exitValue() + ": " + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String firstTool(String script) {
        return script.split(" ", 2)[0];
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
