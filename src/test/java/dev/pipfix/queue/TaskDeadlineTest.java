package dev.pipfix.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Await;
import dev.pipfix.testing.ShiftedClock;
import dev.pipfix.testing.TestDatabases;
import dev.pipfix.testing.TestRuns;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that would run for ever (a fork's input the engine cannot finish) is stopped at its deadline, tried once
 * more, then failed with its reason; a task whose worker keeps dying is failed rather than revived for ever.
 */
class TaskDeadlineTest {

    @TempDir
    Path dataDir;

    /** Time passes (db-scheduler waits on it between polls); the test jumps to a retry's time. */
    private final ShiftedClock clock = new ShiftedClock();

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private TestDatabases.Opened database;
    private DurableRunQueue queue;

    @BeforeEach
    void open() throws Exception {
        database = TestDatabases.open("h2", dataDir, 4);
    }

    @AfterEach
    void close() throws Exception {
        if (queue != null) {
            queue.close();
        }
        database.close();
    }

    @Test
    void a_run_past_its_deadline_is_stopped_tried_once_more_and_failed_with_the_reason() throws Exception {
        // given a worker whose work never ends by itself, under a deadline of 300 ms
        queue = start(Duration.ofMillis(300));
        CompletedRun run = TestRuns.failed("d-1", 42, 1);

        // when the run is queued
        queue.taskStore(database.dataSource()).scheduleIfAbsent(run, clock.instant());
        Await.until(Duration.ofSeconds(20), () -> started.get() == 1 && busy.get() == 0 && queue.executing() == 0);
        // and its retry comes due
        clock.advance(Duration.ofMinutes(2));
        queue.wake();

        // then it ran twice, each time stopped and no thread left busy, and it failed with the reason
        Await.until(Duration.ofSeconds(20), () -> reason(run) != null);
        assertThat(started).hasValue(2);
        Await.until(Duration.ofSeconds(5), () -> busy.get() == 0);
        assertThat(reason(run)).isEqualTo("the task ran past its deadline of 300 ms and was stopped, twice");
        // the reason is recorded just before the task is removed
        Await.until(Duration.ofSeconds(5), () -> queue.pending() == 0);
    }

    @Test
    void a_task_that_dies_a_second_time_is_failed_not_revived() throws Exception {
        // given a run its worker took and stopped sending heartbeats for, after it had failed once before
        queue = start(Duration.ofMinutes(10));
        CompletedRun run = TestRuns.failed("d-2", 43, 1);
        queue.taskStore(database.dataSource())
                .scheduleIfAbsent(run, clock.instant().plus(Duration.ofDays(1)));
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement died = connection.prepareStatement("update scheduled_tasks set picked = true,"
                        + " picked_by = 'a-dead-instance', last_heartbeat = ?, consecutive_failures = 1"
                        + " where task_instance = ?")) {
            died.setTimestamp(1, Timestamp.from(clock.instant().minus(Duration.ofHours(1))));
            died.setString(2, run.taskId());
            assertThat(died.executeUpdate()).isEqualTo(1);
        }

        // when the scheduler finds it dead
        Await.until(Duration.ofSeconds(20), () -> reason(run) != null);

        // then it is failed with the reason, and not run again
        assertThat(reason(run)).startsWith("the task stopped without finishing 2 times in a row");
        Await.until(Duration.ofSeconds(5), () -> queue.pending() == 0);
        assertThat(started).hasValue(0);
    }

    private DurableRunQueue start(Duration deadline) {
        return new DurableRunQueue(
                        database.dataSource(),
                        database.dialect(),
                        run -> {
                            started.incrementAndGet();
                            busy.incrementAndGet();
                            try {
                                // work that ends only when it is interrupted, as the scanner does between chunks
                                while (!Thread.currentThread().isInterrupted()) {
                                    Thread.onSpinWait();
                                }
                                throw new InterruptedIOException("stopped");
                            } finally {
                                busy.decrementAndGet();
                            }
                        },
                        command -> null,
                        (error, failures, now) -> RetryPolicy.Decision.giveUp("not retried: " + error),
                        new DurableRunQueue.Settings(
                                        2, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2), null)
                                .withTaskDeadline(deadline),
                        () -> {},
                        clock)
                .start();
    }

    private String reason(CompletedRun run) {
        try {
            return queue.failedTasks().reason(run.taskId());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
