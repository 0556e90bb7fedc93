package dev.pipfix.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * One delivery and what came of it.
     *
     * @param run     the run it queued ({@code owner/repo/run/attempt}); null for deliveries that asked for none
     * @param outcome how the run's work ended; null while it waits or runs
     * @param failure why the run's work was given up; null unless it was
     * @param dryRunComment the comment a dry run would have posted; null otherwise
     */
    public record Entry(
            String deliveryId,
            String event,
            Instant receivedAt,
            String result,
            String run,
            String outcome,
            String detail,
            String failure,
            String dryRunComment) {}

    /** The latest deliveries, newest first, each with its run's outcome. */
    public List<Entry> recent(int limit) {
        List<Entry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select d.delivery_id, d.event, d.received_at, d.result, d.task_instance, q.outcome, q.detail,"
                                + " f.reason, q.dry_run_comment from deliveries d"
                                + " left join queued_runs q on q.task_instance = d.task_instance"
                                + " left join failed_tasks f on f.task_instance = d.task_instance"
                                + " order by d.received_at desc limit ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getTimestamp(3).toInstant(),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getString(7),
                            rows.getString(8),
                            rows.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new QueueUnavailableException("the delivery log cannot be read", e);
        }
        return entries;
    }
}
