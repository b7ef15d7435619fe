package io.coffer.events;

import io.coffer.catalog.Database;
import io.coffer.testing.Databases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventLogTest extends EventLogContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Databases.sqlite(dir);
    }
}
