package io.coffer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system account a test PostgreSQL runs as. initdb and postgres refuse to run as root, and CI
 * runs everything as root, so a root JVM hands the server to the unprivileged {@code nobody} account through
 * util-linux's {@code setpriv}, which replaces itself with the program (the process Java starts is the
 * postmaster itself). Any other JVM runs the server as itself.
 *
 * @param name         the account's name, for messages
 * @param uid          its numeric user id
 * @param gid          its numeric primary group id
 * @param launchPrefix the words put before every PostgreSQL command; empty when the JVM's own account is used
 */
record ServerAccount(String name, int uid, int gid, List<String> launchPrefix) {

    private static final String UNPRIVILEGED = "nobody";

    ServerAccount {
        launchPrefix = List.copyOf(launchPrefix);
    }

    /** The account for this JVM: itself, or {@code nobody} when the JVM runs as root. */
    static ServerAccount forThisJvm() {
        int uid = effectiveUid();
        if (uid != 0) {
            return new ServerAccount(System.getProperty("user.name"), uid, -1, List.of());
        }
        int[] ids = lookUp(UNPRIVILEGED);
        Path setpriv = findSetpriv();
        List<String> prefix = List.of(setpriv.toString(), "--reuid=" + ids[0], "--regid=" + ids[1],
                "--clear-groups", "--");
        return new ServerAccount(UNPRIVILEGED, ids[0], ids[1], prefix);
    }

    /** Whether the server runs under another account than the JVM's, so files must be handed over. */
    boolean isOtherThanJvm() {
        return !launchPrefix.isEmpty();
    }

    /** The command that runs {@code command} as this account. */
    List<String> command(List<String> command) {
        List<String> all = new ArrayList<>(launchPrefix);
        all.addAll(command);
        return all;
    }

    /** Makes this account the owner of {@code path}; does nothing when the server runs as the JVM's account. */
    void own(Path path) throws IOException {
        if (isOtherThanJvm()) {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", gid);
        }
    }

    /**
     * The effective user id of this JVM, which is what PostgreSQL checks. Read from {@code /proc}; where that
     * is missing, the user named root is taken to be uid 0 and any other user not to be.
     */
    static int effectiveUid() {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux, or a locked-down sandbox): fall back to the name below.
        }
        return "root".equals(System.getProperty("user.name")) ? 0 : 1;
    }

    private static int[] lookUp(String account) {
        String entry = run(List.of("getent", "passwd", account));
        String[] fields = entry.trim().split(":");
        if (fields.length < 4) {
            throw new UnableToStartPostgres("The JVM runs as root, which PostgreSQL refuses, and the"
                    + " unprivileged account '" + account + "' to run it as was not found (getent passwd "
                    + account + " printed '" + entry.trim() + "'). Create that account or run the tests"
                    + " as a user other than root.");
        }
        return new int[] {Integer.parseInt(fields[2]), Integer.parseInt(fields[3])};
    }

    private static Path findSetpriv() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "setpriv");
            if (candidate != null && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new UnableToStartPostgres("The JVM runs as root, which PostgreSQL refuses, and 'setpriv'"
                + " (util-linux) to start it as '" + UNPRIVILEGED + "' was not found on PATH or in /usr/bin."
                + " Install util-linux or run the tests as a user other than root.");
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToStartPostgres("interrupted while running " + String.join(" ", command), e);
        }
    }
}
