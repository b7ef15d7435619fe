package io.coffer.release;

import io.coffer.catalog.Database;
import io.coffer.testing.Databases;
import java.nio.file.Path;

class SqliteReleasesTest extends ReleasesContract {
    @Override
    Database openDatabase(Path dir) {
        return Databases.sqlite(dir);
    }
}
