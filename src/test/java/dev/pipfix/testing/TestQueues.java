package dev.pipfix.testing;

import dev.pipfix.queue.Database;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.queue.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** Queues for tests that read what was stored rather than run it. */
public final class TestQueues {

    private TestQueues() {}

    /** A real queue on the database whose worker is never started: runs stay stored for the test to read. */
    public static DurableRunQueue unstarted(DataSource dataSource, Database.Dialect dialect) {
        return new DurableRunQueue(
                dataSource,
                dialect,
                run -> null,
                command -> null,
                (error, failures, now) -> RetryPolicy.Decision.giveUp("not retried"),
                new DurableRunQueue.Settings(
                        1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), null),
                () -> {},
                Clock.systemUTC());
    }
}
