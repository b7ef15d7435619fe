package io.coffer.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server for tests, started from nothing but the test class path and listening on
 * 127.0.0.1 only. No PostgreSQL needs to be installed, and it works when the tests run as root.
 *
 * <p>Most tests should use {@link #shared()}, one server for the whole test JVM, and give themselves a fresh
 * database with {@link #createDatabase()}. A test about the server's own life cycle, or one that needs other
 * settings, can {@link #start()} a private server and must {@link #close()} it.
 *
 * <p>Each server has its own data directory made by {@code initdb -A trust -U postgres -E UTF8 --no-locale},
 * so every URL connects as {@code postgres} without a password. Durability is switched off ({@code fsync},
 * {@code synchronous_commit}, {@code full_page_writes}): a crash loses the data, which nothing needs after
 * the JVM ends anyway. The programs come from {@link PostgresBinaries}; how a server is brought up as a user
 * PostgreSQL accepts is described in {@link Postmaster} and {@link ServerAccount}. A shutdown hook stops
 * every server still running when the JVM exits, and directories left by a JVM that was killed are deleted
 * by the next start (see {@link AbandonedServers}).
 *
 * <p>Instances are safe for use by several threads.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final ReentrantLock SHARED_LOCK = new ReentrantLock();
    private static PostgresServer shared;
    private static UnableToStartPostgres sharedFailure;

    private final Postmaster postmaster;
    private final boolean isShared;
    private final Thread shutdownHook;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Postmaster postmaster, boolean isShared) {
        this.postmaster = postmaster;
        this.isShared = isShared;
        this.shutdownHook = new Thread(postmaster::stop, "coffer-postgres-stop-" + postmaster.port());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The server shared by every test in this JVM, started on first use and stopped when the JVM exits.
     * Calling {@link #close()} on it does nothing, so one test cannot take it away from the others.
     *
     * @throws UnableToStartPostgres when the server cannot be started; later calls then fail at once, citing
     *                               the first failure, rather than each waiting for it again
     */
    public static PostgresServer shared() {
        SHARED_LOCK.lock();
        try {
            if (shared == null) {
                if (sharedFailure != null) {
                    throw new UnableToStartPostgres("The shared test PostgreSQL failed to start earlier in this"
                            + " JVM: " + sharedFailure.getMessage(), sharedFailure);
                }
                try {
                    shared = new PostgresServer(Postmaster.start(Map.of()), true);
                } catch (UnableToStartPostgres e) {
                    sharedFailure = e;
                    throw e;
                }
            }
            return shared;
        } finally {
            SHARED_LOCK.unlock();
        }
    }

    /**
     * Starts a private server with the test settings; the caller must {@link #close()} it.
     *
     * @throws UnableToStartPostgres when the server cannot be started; no process or directory is left behind
     */
    public static PostgresServer start() {
        return start(Map.of());
    }

    /**
     * Starts a private server with the test settings plus {@code settings}, PostgreSQL parameters by name
     * (such as {@code log_statement} to {@code all}) which win over the test settings; the caller must
     * {@link #close()} it.
     *
     * @throws UnableToStartPostgres when the server cannot be started, for example because a parameter is
     *                               unknown; no process or directory is left behind
     */
    public static PostgresServer start(Map<String, String> settings) {
        return new PostgresServer(Postmaster.start(settings), false);
    }

    /** The JDBC URL of the {@code postgres} database, with the user in it; no password is needed. */
    public String jdbcUrl() {
        return jdbcUrl(Postmaster.USER);
    }

    /** The superuser every URL connects as; it needs no password. */
    public String user() {
        return Postmaster.USER;
    }

    /** The TCP port on 127.0.0.1 the server listens on. */
    public int port() {
        return postmaster.port();
    }

    /** The server's version as it reports it, for example {@code 14.22}. */
    public String version() {
        return postmaster.version();
    }

    /**
     * Creates an empty database with a name not used before on this server.
     *
     * @return the JDBC URL of the new database, with the user in it
     * @throws IllegalStateException when the server is stopped or refuses
     */
    public String createDatabase() {
        return createDatabase("test_" + databases.incrementAndGet());
    }

    /**
     * Creates an empty database, copied from {@code template0} and owned by {@link #user()}.
     *
     * @param name lower-case letters, digits and underscores, not starting with a digit, at most 63 characters
     * @return the JDBC URL of the new database, with the user in it
     * @throws IllegalArgumentException when the name does not have that form
     * @throws IllegalStateException    when the database exists already, or the server is stopped or refuses
     */
    public String createDatabase(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name '" + name + "' should be lower-case letters, digits"
                    + " and underscores, not start with a digit, and have at most 63 characters");
        }
        if (postmaster.isStopped()) {
            throw new IllegalStateException("cannot create database '" + name + "': the test PostgreSQL on "
                    + Postmaster.HOST + ":" + port() + " is stopped");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement()) {
            // The name is a plain identifier (checked above), so it can stand in the statement unquoted.
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database '" + name + "' on the test PostgreSQL at "
                    + Postmaster.HOST + ":" + port() + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Stops this server and deletes its files; calling it again does nothing. On the {@link #shared()}
     * server it does nothing at all: that one stops when the JVM exits.
     */
    @Override
    public void close() {
        if (isShared) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down, and the hook stops this server anyway; stop() runs only once.
        }
        postmaster.stop();
    }

    /** The directory holding the data directory, socket and initdb's output; gone once stopped. */
    Path home() {
        return postmaster.home();
    }

    /** Where the server writes its output. */
    Path logFile() {
        return postmaster.logFile();
    }

    /** The process id of the postmaster. */
    long postmasterPid() {
        return postmaster.pid();
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Postmaster.HOST + ":" + port() + "/" + database + "?user=" + Postmaster.USER;
    }
}
