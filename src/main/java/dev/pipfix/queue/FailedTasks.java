package dev.pipfix.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Work that gave up, kept with its reason, so that nothing is dropped silently. */
public final class FailedTasks {

    private static final int MAX_REASON_CHARS = 2_000;

    private final DataSource dataSource;

    public FailedTasks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String taskInstance, int attempts, String reason, Instant at) throws SQLException {
        String capped = reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete =
                            connection.prepareStatement("delete from failed_tasks where task_instance = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into failed_tasks (task_instance, failed_at, attempts, reason) values (?, ?, ?, ?)")) {
                delete.setString(1, taskInstance);
                delete.executeUpdate();
                insert.setString(1, taskInstance);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setInt(3, attempts);
                insert.setString(4, capped);
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    public int count() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*) from failed_tasks");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** The reason a task gave up, or null. */
    public String reason(String taskInstance) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select reason from failed_tasks where task_instance = ?")) {
            select.setString(1, taskInstance);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
