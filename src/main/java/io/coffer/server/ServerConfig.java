package io.coffer.server;

import java.nio.file.Path;

/**
 * How a Coffer server runs.
 *
 * @param dataDir holds the SQLite catalog (unless {@code databaseUrl} is set), the blobs and the keys
 * @param host address to listen on; 127.0.0.1 by default so that nothing is exposed by accident
 * @param port TCP port; 0 picks a free one
 * @param databaseUrl JDBC URL of the catalog, or null for SQLite in the data directory
 */
public record ServerConfig(Path dataDir, String host, int port, String databaseUrl, String databaseUser,
        String databasePassword) {

    public static final int DEFAULT_PORT = 8420;

    public static ServerConfig embedded(Path dataDir, int port) {
        return new ServerConfig(dataDir, "127.0.0.1", port, null, null, null);
    }

    String jdbcUrl() {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve("catalog.db").toAbsolutePath();
    }
}
