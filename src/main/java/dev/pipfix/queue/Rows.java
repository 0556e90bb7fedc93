package dev.pipfix.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The two statements the bookkeeping tables share: "is this key there?" and "add this row". */
final class Rows {

    /** SQLSTATE of a unique-key violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private Rows() {}

    static boolean exists(DataSource dataSource, String table, String keyColumn, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return exists(connection, table, keyColumn, key);
        }
    }

    static boolean exists(Connection connection, String table, String keyColumn, String key) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select 1 from " + table + " where " + keyColumn + " = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * Which of {@code keys} are in the table. One primary-key lookup each, on one connection: an IN list or
     * {@code = any(?)} is one round trip, but PostgreSQL plans it as a sequential scan until the table is first
     * analysed, which on a fresh, fast-growing delivery log made each batch cost milliseconds (load benchmark).
     */
    static Set<String> existing(Connection connection, String table, String keyColumn, Collection<String> keys)
            throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement select =
                connection.prepareStatement("select 1 from " + table + " where " + keyColumn + " = ?")) {
            for (String key : keys) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        found.add(key);
                    }
                }
            }
        }
        return found;
    }

    /** Runs an insert once per row, sent together; Strings and Instants are bound in order. */
    static void insertAll(Connection connection, String insert, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (Object[] values : rows) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] instanceof Instant instant) {
                        statement.setTimestamp(i + 1, Timestamp.from(instant));
                    } else {
                        statement.setString(i + 1, (String) values[i]);
                    }
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
