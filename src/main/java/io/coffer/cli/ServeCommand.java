package io.coffer.cli;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.server.CofferServer;
import io.coffer.server.ServerConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the server in the foreground until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", description = "Run the Coffer server (embedded default: SQLite and blobs in the data dir).")
final class ServeCommand implements Callable<Integer> {

    Map<String, String> env = System.getenv();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory: catalog, blobs, keys (default: $COFFER_DATA or ./coffer-data).")
    Path data;

    @Option(names = "--host", description = "Address to listen on (default: $COFFER_HOST or 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to listen on (default: $COFFER_PORT or 8420).")
    Integer port;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "Catalog database, e.g. jdbc:postgresql://db/coffer (default: $COFFER_DATABASE_URL, "
                    + "else SQLite in the data dir). User and password come from $COFFER_DATABASE_USER and "
                    + "$COFFER_DATABASE_PASSWORD.")
    String databaseUrl;

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : Path.of(env.getOrDefault("COFFER_DATA", "coffer-data"));
        String h = host != null ? host : env.getOrDefault("COFFER_HOST", "127.0.0.1");
        int p = port != null ? port : parsePort(env.getOrDefault("COFFER_PORT",
                Integer.toString(ServerConfig.DEFAULT_PORT)));
        if (p < 0 || p > 65_535) {
            throw new CofferException(Failure.INVALID, "port " + p + " is not a TCP port; expected 0 to 65535");
        }
        String db = databaseUrl != null ? databaseUrl : env.get("COFFER_DATABASE_URL");
        ServerConfig config = new ServerConfig(dir, h, p, db, env.get("COFFER_DATABASE_USER"),
                env.get("COFFER_DATABASE_PASSWORD"));
        CofferServer server = CofferServer.start(config, Clock.systemUTC(),
                new PrintStream(System.out, true, StandardCharsets.UTF_8));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "coffer-shutdown"));
        stopped.await();
        return 0;
    }

    private static int parsePort(String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new CofferException(Failure.INVALID, "COFFER_PORT '" + raw + "' is not a port number");
        }
    }
}
