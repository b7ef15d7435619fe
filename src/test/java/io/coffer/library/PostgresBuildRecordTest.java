package io.coffer.library;

import io.coffer.catalog.Database;
import io.coffer.testing.Databases;
import java.nio.file.Path;

class PostgresBuildRecordTest extends BuildRecordContract {
    @Override
    Database openDatabase(Path dir) {
        return Databases.postgres();
    }
}
