package dev.pipfix.queue;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Every delivery pipfix accepted, by {@code X-GitHub-Delivery}, which stays the same when GitHub redelivers it. A
 * delivery seen before is answered "duplicate" and does nothing; catch-up asks GitHub to redeliver only the ones
 * never seen. The {@link BatchingIntake} writes it.
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
}
