package io.coffer.library;

import io.coffer.catalog.Database;
import io.coffer.testing.Databases;
import java.nio.file.Path;

class SqliteBuildRecordTest extends BuildRecordContract {
    @Override
    Database openDatabase(Path dir) {
        return Databases.sqlite(dir);
    }
}
