package io.coffer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void sharedServerAnswersAsPostgreSql() throws SQLException {
        PostgresServer server = PostgresServer.shared();

        String version = queryOne(server.jdbcUrl(), "SELECT version()");

        assertThat(version).startsWith("PostgreSQL " + server.version());
    }

    @Test
    void sharedServerIsTheSameInstanceEveryTime() {
        assertThat(PostgresServer.shared()).isSameAs(PostgresServer.shared());
    }

    @Test
    void databasesCreatedOnOneServerAreIndependent() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String first = server.createDatabase();
        String second = server.createDatabase();

        execute(first, "CREATE TABLE release (id integer PRIMARY KEY)");
        execute(first, "INSERT INTO release VALUES (1)");

        assertThat(queryOne(first, "SELECT count(*) FROM release")).isEqualTo("1");
        assertThat(queryOne(second, "SELECT to_regclass('release')::text")).isNull();
        assertThat(queryOne(first, "SELECT current_database()"))
                .isNotEqualTo(queryOne(second, "SELECT current_database()"));
    }

    @Test
    void databaseCreatedByNameHasThatNameAndIsEmpty() throws SQLException {
        String url = PostgresServer.shared().createDatabase("catalog_by_name");

        assertThat(queryOne(url, "SELECT current_database()")).isEqualTo("catalog_by_name");
        assertThat(queryOne(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
    }

    @Test
    void databaseNamesThatAreNotPlainIdentifiersAreRefused() {
        PostgresServer server = PostgresServer.shared();

        assertThatThrownBy(() -> server.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x; DROP DATABASE postgres'");
    }

    @Test
    void creatingADatabaseThatExistsFailsNamingIt() {
        PostgresServer server = PostgresServer.shared();
        server.createDatabase("created_twice");

        assertThatThrownBy(() -> server.createDatabase("created_twice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'created_twice'")
                .hasMessageContaining("already exists");
    }

    @Test
    void serverListensOnTheIpv4LoopbackAddressOnly() throws Exception {
        PostgresServer server = PostgresServer.shared();

        assertThat(queryOne(server.jdbcUrl(), "SHOW listen_addresses")).isEqualTo("127.0.0.1");
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "the kernel's socket table is not readable");
        assertThat(listeningAddresses(Path.of("/proc/net/tcp"), server.port())).containsExactly("0100007F");
        assertThat(listeningAddresses(Path.of("/proc/net/tcp6"), server.port())).isEmpty();
    }

    @Test
    void serverNeverRunsAsRootBecausePostgreSqlRefusesTo() {
        PostgresServer server = PostgresServer.shared();

        String user = ProcessHandle.of(server.postmasterPid()).orElseThrow().info().user().orElseThrow();

        assertThat(user).isNotIn("root", "0");
    }

    @Test
    void sharedServerKeepsRunningWhenATestClosesIt() throws SQLException {
        PostgresServer server = PostgresServer.shared();

        server.close();

        assertThat(queryOne(server.jdbcUrl(), "SELECT 1")).isEqualTo("1");
    }

    @Test
    void closeStopsTheServerSoConnectionsAreRefused() throws SQLException {
        PostgresServer server = PostgresServer.start();
        String url = server.jdbcUrl();
        assertThat(queryOne(url, "SELECT 1")).isEqualTo("1");

        server.close();

        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .isInstanceOf(SQLException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(ProcessHandle.of(server.postmasterPid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(server.home()).doesNotExist();
    }

    @Test
    void closingTwiceDoesNothingTheSecondTime() {
        PostgresServer server = PostgresServer.start();
        server.close();

        server.close();

        assertThat(server.home()).doesNotExist();
    }

    @Test
    void serverOutputGoesToALogInTheDataDirectory() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            assertThat(server.logFile()).startsWith(server.home().resolve("data"));
            assertThat(Files.readString(server.logFile(), StandardCharsets.UTF_8))
                    .contains("database system is ready to accept connections");
        }
    }

    @Test
    void settingsGivenAtStartWinOverTheTestDefaults() throws SQLException {
        try (PostgresServer server = PostgresServer.start(Map.of("max_connections", "20"))) {
            assertThat(queryOne(server.jdbcUrl(), "SHOW max_connections")).isEqualTo("20");
            assertThat(queryOne(server.jdbcUrl(), "SHOW fsync")).isEqualTo("off");
        }
    }

    @Test
    void failedStartNamesTheCommandAndQuotesTheServerLog() {
        assertThatThrownBy(() -> PostgresServer.start(Map.of("no_such_setting", "1")))
                .isInstanceOf(UnableToStartPostgres.class)
                .hasMessageContaining("exited with status")
                .hasMessageContaining("Command: ")
                .hasMessageContaining("-c no_such_setting=1")
                .hasMessageContaining("unrecognized configuration parameter \"no_such_setting\"");
    }

    private static String queryOne(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as("a row from %s", sql).isTrue();
            return result.getString(1);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The local addresses, in the kernel's hex notation, of sockets listening on {@code port}. */
    private static List<String> listeningAddresses(Path socketTable, int port) throws Exception {
        List<String> addresses = new ArrayList<>();
        if (!Files.isReadable(socketTable)) {
            return addresses;
        }
        String portHex = HexFormat.of().withUpperCase().toHexDigits((short) port);
        List<String> lines = Files.readAllLines(socketTable, StandardCharsets.US_ASCII);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            String[] local = fields[1].split(":");
            boolean listening = "0A".equals(fields[3].toUpperCase(Locale.ROOT));
            if (listening && local[1].equalsIgnoreCase(portHex)) {
                addresses.add(local[0].toUpperCase(Locale.ROOT));
            }
        }
        return addresses;
    }
}
