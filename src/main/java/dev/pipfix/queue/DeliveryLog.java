package dev.pipfix.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Every delivery pipfix accepted, by {@code X-GitHub-Delivery}, which stays the same when GitHub redelivers it. A
 * delivery seen before is answered "duplicate" and does nothing; catch-up asks GitHub to redeliver only the ones
 * never seen.
 */
public final class DeliveryLog {

    private final DataSource dataSource;

    public DeliveryLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean seen(String deliveryId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select 1 from deliveries where delivery_id = ?")) {
            select.setString(1, deliveryId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new QueueUnavailableException("the delivery log cannot be read", e);
        }
    }

    /** @return false when another request recorded the same delivery first */
    public boolean record(String deliveryId, String event, String result, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into deliveries (delivery_id, event, received_at, result) values (?, ?, ?, ?)")) {
            insert.setString(1, deliveryId);
            insert.setString(2, event);
            insert.setTimestamp(3, Timestamp.from(at));
            insert.setString(4, result);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new QueueUnavailableException("the delivery cannot be recorded", e);
        }
    }
}
