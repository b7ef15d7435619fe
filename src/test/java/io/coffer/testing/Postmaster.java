package io.coffer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL postmaster process and the directory it lives in: how it is brought up from nothing and
 * taken down again. {@link PostgresServer} is the face tests see.
 *
 * <p>The directory, {@code coffer-pg-*} in {@code java.io.tmpdir}, holds the data directory, the Unix socket
 * and initdb's output; the server's own output goes to {@code server.log} in the data directory. When the
 * server runs as another account than the JVM's (see {@link ServerAccount}) that account owns the directory.
 * The postmaster is started directly rather than through {@code pg_ctl}, so the JVM holds its process and
 * its exit is noticed at once; if another process takes the chosen port first, it is started again on
 * another. It counts as ready once a JDBC connection succeeds.
 */
final class Postmaster {

    static final String HOST = "127.0.0.1";
    static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final int PORT_ATTEMPTS = 5;
    private static final int PID_FILE_STATUS_LINE = 8;
    private static final int LOG_TAIL_LINES = 40;

    private final Path home;
    private final Path bin;
    private final ServerAccount account;
    private final Process process;
    private final int port;
    private final String version;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Postmaster(Path home, Path bin, ServerAccount account, Process process, int port, String version) {
        this.home = home;
        this.bin = bin;
        this.account = account;
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /**
     * Makes a fresh data directory and starts a postmaster on it, with the test settings plus
     * {@code extraSettings}, which win.
     *
     * @throws UnableToStartPostgres when that fails; no process or directory is then left behind
     */
    static Postmaster start(Map<String, String> extraSettings) {
        return start(extraSettings, Postmaster::freePort);
    }

    /** As {@link #start(Map)}, trying the ports {@code ports} gives in turn, for tests of taken ports. */
    static Postmaster start(Map<String, String> extraSettings, IntSupplier ports) {
        long started = System.nanoTime();
        ServerAccount account = ServerAccount.forThisJvm();
        Path root = PostgresBinaries.tempRoot();
        requireReachable(root, account);
        AbandonedServers.sweep(root);
        Path bin = PostgresBinaries.binDirectory();
        requireReachable(bin, account);

        Path home = null;
        try {
            home = Files.createTempDirectory(root, AbandonedServers.PREFIX);
            AbandonedServers.claim(home);
            account.own(home);
            initdb(bin, account, home);
            Postmaster postmaster = startOnAFreePort(bin, account, home, settings(extraSettings), ports);
            LOG.info("Test PostgreSQL {} ready on {}:{} as {} in {} ms, files in {}", postmaster.version, HOST,
                    postmaster.port, account.name(), (System.nanoTime() - started) / 1_000_000, home);
            return postmaster;
        } catch (IOException e) {
            delete(home);
            throw new UnableToStartPostgres("Could not prepare a test PostgreSQL in " + root + ": " + e, e);
        } catch (RuntimeException e) {
            delete(home);
            throw e;
        }
    }

    int port() {
        return port;
    }

    String version() {
        return version;
    }

    long pid() {
        return process.pid();
    }

    Path home() {
        return home;
    }

    Path logFile() {
        return logFile(home);
    }

    boolean isStopped() {
        return stopped.get();
    }

    /**
     * Stops the server with a fast shutdown (clients are disconnected), kills it if that has not finished
     * within forty seconds, and deletes its directory. Only the first call does anything; never throws.
     */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            if (process.isAlive()) {
                List<String> pgCtl = List.of(bin.resolve("pg_ctl").toString(), "stop", "-D",
                        dataDirectory(home).toString(), "-m", "fast", "-w", "-t", "" + STOP_TIMEOUT.toSeconds());
                run(account.command(pgCtl), home, home.resolve("pg_ctl.log"), STOP_TIMEOUT.plus(KILL_TIMEOUT));
            }
            // pg_ctl waited for the postmaster already; this wait matters only when pg_ctl itself failed.
            if (!process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Test PostgreSQL on {}:{} did not stop within {}; killing postmaster {}", HOST, port,
                        STOP_TIMEOUT.plus(KILL_TIMEOUT), process.pid());
                kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop test PostgreSQL on {}:{} cleanly; killing postmaster {}: {}", HOST, port,
                    process.pid(), e.toString());
            kill(process);
        }
        delete(home);
        LOG.info("Stopped test PostgreSQL on {}:{} and deleted {}", HOST, port, home);
    }

    private static Map<String, String> settings(Map<String, String> extraSettings) {
        // Nothing a test server holds outlives the JVM, so durability is traded for speed.
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "off");
        settings.put("synchronous_commit", "off");
        settings.put("full_page_writes", "off");
        settings.put("max_connections", "200");
        settings.putAll(extraSettings);
        return settings;
    }

    private static void initdb(Path bin, ServerAccount account, Path home) throws IOException {
        List<String> command = account.command(List.of(bin.resolve("initdb").toString(),
                "-D", dataDirectory(home).toString(), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-locale",
                "--no-sync"));
        Path output = home.resolve("initdb.log");
        int status = run(command, home, output, INITDB_TIMEOUT);
        if (status != 0) {
            throw failure("initdb exited with status " + status, command, output);
        }
    }

    private static Postmaster startOnAFreePort(Path bin, ServerAccount account, Path home,
                                               Map<String, String> settings, IntSupplier ports) throws IOException {
        Path log = logFile(home);
        for (int attempt = 1; ; attempt++) {
            // Another process can take the port between this check and the server's bind; then try again.
            int port = ports.getAsInt();
            List<String> command = postgresCommand(bin, account, home, port, settings);
            long logOffset = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = processBuilder(command, home);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            process.getOutputStream().close();
            try {
                String version = awaitReady(process, port, home, command, log);
                if (version != null) {
                    return new Postmaster(home, bin, account, process, port, version);
                }
                if (attempt == PORT_ATTEMPTS || !lostPort(log, logOffset)) {
                    throw failure("PostgreSQL exited with status " + process.exitValue() + " before accepting"
                            + " connections" + (attempt > 1 ? ", on the last of " + attempt + " ports tried" : ""),
                            command, log);
                }
                LOG.debug("Port {} was taken before PostgreSQL could bind it; trying another", port);
            } catch (RuntimeException e) {
                kill(process);
                throw e;
            }
        }
    }

    private static List<String> postgresCommand(Path bin, ServerAccount account, Path home, int port,
                                                Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(),
                "-D", dataDirectory(home).toString(), "-p", String.valueOf(port), "-h", HOST,
                "-k", home.toString()));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        return account.command(command);
    }

    /**
     * The server's version once it accepts connections, or null if it exited first. Until the postmaster has
     * bound the port another process may hold it, so JDBC is tried only once the postmaster reports itself
     * ready in its pid file (PostgreSQL 10 and later write that status); even then, whatever answers must
     * report this server's data directory, and every attempt is bounded by timeouts.
     */
    private static String awaitReady(Process process, int port, Path home, List<String> command, Path log) {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        String url = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "the postmaster never reported itself ready in postmaster.pid";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return null;
            }
            if (!reportsReady(home)) {
                pause();
                continue;
            }
            try (Connection connection = DriverManager.getConnection(url, properties);
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(
                         "SELECT current_setting('data_directory'), current_setting('server_version')")) {
                result.next();
                if (isSameFile(Path.of(result.getString(1)), dataDirectory(home))) {
                    return result.getString(2);
                }
                last = "the server on port " + port + " serves " + result.getString(1) + ", not this one";
            } catch (SQLException e) {
                last = e.getMessage();
            }
            pause();
        }
        throw failure("PostgreSQL did not accept connections within " + READY_TIMEOUT + " (last attempt: "
                + last + ")", command, log);
    }

    private static boolean reportsReady(Path home) {
        try {
            Path pidFile = dataDirectory(home).resolve("postmaster.pid");
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.size() >= PID_FILE_STATUS_LINE
                    && lines.get(PID_FILE_STATUS_LINE - 1).trim().equals("ready");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isSameFile(Path reported, Path expected) {
        try {
            return Files.isSameFile(reported, expected);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean lostPort(Path log, long logOffset) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        String attempt = text.substring((int) Math.min(logOffset, text.length()));
        return attempt.contains("could not bind") || attempt.contains("Address already in use");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UnableToStartPostgres("Could not find a free TCP port on " + HOST + ": " + e, e);
        }
    }

    /** Runs a command to completion, its output appended to {@code output}; returns its exit status. */
    private static int run(List<String> command, Path directory, Path output, Duration timeout) throws IOException {
        ProcessBuilder builder = processBuilder(command, directory);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw failure("The command did not finish within " + timeout, command, output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UnableToStartPostgres("Interrupted while running " + String.join(" ", command), e);
        }
        return process.exitValue();
    }

    private static ProcessBuilder processBuilder(List<String> command, Path directory) {
        // The JVM's working directory may be one the server account cannot enter, such as /root.
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.redirectErrorStream(true);
        // Settings in the caller's environment (PGPORT, PGDATA, PGOPTIONS...) must not reach the server, and a
        // fixed locale and time zone make its messages and defaults the same on every machine.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("TZ", "UTC");
        return builder;
    }

    /** The server account must be able to walk down to {@code path}, which root's home does not allow. */
    private static void requireReachable(Path path, ServerAccount account) {
        if (!account.isOtherThanJvm()) {
            return;
        }
        try {
            for (Path dir = path.toRealPath(); dir != null; dir = dir.getParent()) {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new UnableToStartPostgres("PostgreSQL must run as '" + account.name() + "' because the"
                            + " JVM runs as root, but that account cannot enter " + dir + ", so it cannot reach "
                            + path + ". Point -Djava.io.tmpdir at a directory every account can enter, such as"
                            + " /tmp.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the permissions of " + path, e);
        }
    }

    private static UnableToStartPostgres failure(String what, List<String> command, Path log) {
        // The directory is deleted after a failed start, so the log's tail has to travel in the message.
        return new UnableToStartPostgres(what + ".\nCommand: " + String.join(" ", command) + "\nLast lines of "
                + log.getFileName() + " (deleted with its directory):\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToStartPostgres("Interrupted while waiting for PostgreSQL to accept connections", e);
        }
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path home) {
        if (home == null) {
            return;
        }
        try {
            Trees.delete(home);
        } catch (IOException e) {
            LOG.warn("Could not delete test PostgreSQL directory {}: {}", home, e.toString());
        }
    }

    private static Path dataDirectory(Path home) {
        return home.resolve("data");
    }

    private static Path logFile(Path home) {
        return dataDirectory(home).resolve("server.log");
    }
}
