package dev.pipfix.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Keeps the bookkeeping tables from growing for ever. GitHub redelivers for three days at most, so a delivery or a
 * queued run recorded a month ago can no longer come back as a duplicate; failed tasks are kept longer, for whoever
 * looks into them, and so are comment threads not written to for as long. Work still waiting in the scheduler is never touched.
 */
public final class Retention {

    public static final Duration DEDUPLICATION = Duration.ofDays(30);
    public static final Duration FAILURES = Duration.ofDays(90);

    private final DataSource dataSource;
    private final Duration deduplication;
    private final Duration failures;

    public Retention(DataSource dataSource, Duration deduplication, Duration failures) {
        this.dataSource = dataSource;
        this.deduplication = deduplication;
        this.failures = failures;
    }

    /** What one pass deleted, per table. */
    public record Pruned(int deliveries, int queuedRuns, int failedTasks, int commentThreads) {

        public int total() {
            return deliveries + queuedRuns + failedTasks + commentThreads;
        }
    }

    public Pruned prune(Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            Instant recent = now.minus(deduplication);
            return new Pruned(
                    deleteOlder(connection, "delete from deliveries where received_at < ?", recent),
                    deleteOlder(connection, "delete from queued_runs where queued_at < ?", recent),
                    deleteOlder(connection, "delete from failed_tasks where failed_at < ?", now.minus(failures)),
                    // a thread forgotten is found again by listing the comments: nothing is lost but a call
                    deleteOlder(connection, "delete from comment_threads where updated_at < ?", now.minus(failures)));
        } catch (SQLException e) {
            throw new QueueUnavailableException("old deliveries and runs could not be pruned", e);
        }
    }

    private static int deleteOlder(Connection connection, String sql, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        }
    }
}
