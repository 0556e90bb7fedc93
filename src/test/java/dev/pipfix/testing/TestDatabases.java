package dev.pipfix.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The real databases the tests run against: the embedded H2 default, and the machine's PostgreSQL (127.0.0.1:5432,
 * database {@code test}, user {@code postgres}; {@code .ci/run} starts it), each test in a schema of its own.
 */
public final class TestDatabases {

    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private TestDatabases() {
    }

    /** A {@code DATABASE_URL} for the kind: null for H2 (the embedded default), a fresh schema on PostgreSQL. */
    public static String url(String kind) throws SQLException {
        if (kind.equals("h2")) {
            return null;
        }
        String schema = "pipfix_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(POSTGRES);
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        }
        return POSTGRES + "&currentSchema=" + schema;
    }

    public static void drop(String url) throws SQLException {
        if (url == null) {
            return;
        }
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection connection = DriverManager.getConnection(POSTGRES);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        }
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
