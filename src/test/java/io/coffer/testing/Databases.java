package io.coffer.testing;

import io.coffer.catalog.Database;
import java.nio.file.Path;
import java.util.UUID;

/** Fresh, empty catalog databases for tests: SQLite in a temp dir, or a new database on the test PostgreSQL. */
public final class Databases {

    private Databases() {}

    public static Database sqlite(Path dir) {
        return Database.open("jdbc:sqlite:" + dir.resolve("catalog-" + UUID.randomUUID() + ".db"), null, null);
    }

    public static Database postgres() {
        PostgresServer pg = PostgresServer.shared();
        String url = pg.createDatabase("coffer_" + UUID.randomUUID().toString().replace("-", ""));
        return Database.open(url, pg.user(), null);
    }
}
