package io.coffer.release;

import io.coffer.catalog.Database;
import io.coffer.testing.Databases;
import java.nio.file.Path;

class PostgresReleasesTest extends ReleasesContract {
    @Override
    Database openDatabase(Path dir) {
        return Databases.postgres();
    }
}
