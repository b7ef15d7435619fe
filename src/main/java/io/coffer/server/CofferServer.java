package io.coffer.server;

import io.coffer.auth.Role;
import io.coffer.auth.Tokens;
import io.coffer.auth.Users;
import io.coffer.catalog.Database;
import io.coffer.events.EventLog;
import io.coffer.http.AdminRoutes;
import io.coffer.http.BuildRoutes;
import io.coffer.http.HttpServer;
import io.coffer.http.ReleaseExportRoutes;
import io.coffer.http.ReleaseRoutes;
import io.coffer.http.ServerState;
import io.coffer.inspect.Inspector;
import io.coffer.library.Library;
import io.coffer.release.Releases;
import io.coffer.release.SigningKey;
import io.coffer.store.LocalBlobStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Coffer: the catalog database, the physical store, the event log, the tokens and the
 * HTTP server, wired together over one data directory. On a library's first start an admin token
 * is minted, printed once and written to {@code admin.token} (mode 0600) in the data directory;
 * only its hash is kept in the catalog.
 *
 * <p>The token's holder, {@code admin}, is registered as a user in the same transaction (tokens
 * belong to users), and at every start a token holder that is not a user yet, left by a library
 * created before users existed, is registered with its tokens' roles.
 */
public final class CofferServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CofferServer.class);
    static final String ADMIN_TOKEN_FILE = "admin.token";

    private final AtomicBoolean closed = new AtomicBoolean();
    private final DataDirectory directory;
    private final Database db;
    private final LocalBlobStore store;
    private final HttpServer http;
    private final Library library;
    private final Tokens tokens;
    private final Releases releases;
    private final Users users;

    private CofferServer(DataDirectory directory, Database db, LocalBlobStore store, HttpServer http,
            Library library, Tokens tokens, Releases releases, Users users) {
        this.directory = directory;
        this.users = users;
        this.db = db;
        this.store = store;
        this.http = http;
        this.library = library;
        this.tokens = tokens;
        this.releases = releases;
    }

    /**
     * Opens the library in {@code config.dataDir()} and starts serving it.
     *
     * @param console where the first-start admin token is printed
     */
    public static CofferServer start(ServerConfig config, Clock clock, PrintStream console) throws IOException {
        DataDirectory directory = DataDirectory.lock(config.dataDir());
        Path data = directory.path();
        LocalBlobStore store;
        Database db;
        try {
            store = LocalBlobStore.open(data);
            db = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword());
        } catch (RuntimeException | IOException e) {
            directory.close();
            throw e;
        }
        try {
            EventLog events = new EventLog(clock);
            Tokens tokens = new Tokens(db, events, clock);
            Library library = new Library(db, store, events, new Inspector(), clock);
            Releases releases = new Releases(library, SigningKey.openOrCreate(data.resolve("keys")), clock);
            Users users = new Users(db, events, tokens, clock);
            if (!tokens.any()) {
                mintFirstAdminToken(tokens, data, console);
            }
            users.adoptTokenHolders();
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            ServerState state = new ServerState(metrics);
            HttpServer http = HttpServer.start(library, tokens, state, config.host(), config.port(), List.of(
                    new ReleaseRoutes(releases), new ReleaseExportRoutes(releases, library, clock),
                    new AdminRoutes(users, tokens), new BuildRoutes(library)));
            state.markReady();
            log.info("Coffer serving the library in {} at http://{}:{}", data, config.host(), http.port());
            return new CofferServer(directory, db, store, http, library, tokens, releases, users);
        } catch (RuntimeException | IOException e) {
            db.close();
            directory.close();
            throw e;
        }
    }

    private static void mintFirstAdminToken(Tokens tokens, Path data, PrintStream console) throws IOException {
        Tokens.Minted admin = tokens.mint("admin", "admin", Set.of(Role.ADMIN), null, "coffer");
        Path file = data.resolve(ADMIN_TOKEN_FILE);
        Path tmp = data.resolve(ADMIN_TOKEN_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, admin.secret() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        console.println("First start: minted an admin token. It is shown only this once and saved, readable by");
        console.println("this user only, in " + file + ":");
        console.println();
        console.println("    " + admin.secret());
        console.println();
        console.flush();
    }

    public int port() {
        return http.port();
    }

    public Library library() {
        return library;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** The release programme. */
    public Releases releases() {
        return releases;
    }

    /** The users of the library; the first start registers the bootstrap admin among them. */
    public Users users() {
        return users;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close();
        db.close();
        store.close();
        directory.close();
    }
}
