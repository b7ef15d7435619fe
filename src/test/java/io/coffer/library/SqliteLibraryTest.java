package io.coffer.library;

import io.coffer.catalog.Database;
import io.coffer.testing.Databases;
import java.nio.file.Path;

class SqliteLibraryTest extends LibraryContract {
    @Override
    Database openDatabase(Path dir) {
        return Databases.sqlite(dir);
    }
}
