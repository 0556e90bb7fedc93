package dev.pipfix.queue;

import java.sql.SQLException;
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
        try {
            return Rows.exists(dataSource, "deliveries", "delivery_id", deliveryId);
        } catch (SQLException e) {
            throw new QueueUnavailableException("the delivery log cannot be read", e);
        }
    }

    /** @return false when another request recorded the same delivery first */
    public boolean record(String deliveryId, String event, String result, Instant at) {
        try {
            return Rows.insertOnce(dataSource,
                    "insert into deliveries (delivery_id, event, received_at, result) values (?, ?, ?, ?)",
                    deliveryId, event, at, result);
        } catch (SQLException e) {
            throw new QueueUnavailableException("the delivery cannot be recorded", e);
        }
    }
}
