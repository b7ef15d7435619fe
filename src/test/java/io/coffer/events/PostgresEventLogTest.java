package io.coffer.events;

import io.coffer.catalog.Database;
import io.coffer.testing.Databases;

class PostgresEventLogTest extends EventLogContract {
    @Override
    Database openDatabase() {
        return Databases.postgres();
    }
}
