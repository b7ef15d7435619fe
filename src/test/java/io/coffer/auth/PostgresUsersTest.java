package io.coffer.auth;

import io.coffer.catalog.Database;
import io.coffer.testing.Databases;
import java.nio.file.Path;

class PostgresUsersTest extends UsersContract {
    @Override
    Database openDatabase(Path dir) {
        return Databases.postgres();
    }
}
