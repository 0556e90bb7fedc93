package dev.pipfix.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable queue: one db-scheduler task per run attempt, stored by the {@link BatchingIntake} in the request that
 * accepts the delivery, and run by the worker threads of whichever instance picks it (lock-and-fetch on PostgreSQL, so several instances share the
 * work). A run queued twice is stored once. Failures are retried as the {@link RetryPolicy} decides, at a later time
 * rather than by sleeping on a worker thread; work that gives up is kept in {@link FailedTasks} with its reason.
 * Work still running at shutdown may finish within the wait; what does not is picked up again after a restart.
 */
public final class DurableRunQueue implements AutoCloseable {

    public static final String TASK = "process-run";
    public static final String COMMAND_TASK = "apply-fix";
    public static final String PERIODIC_TASK = "catch-up";
    private static final Logger LOG = LoggerFactory.getLogger(DurableRunQueue.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final FailedTasks failedTasks;
    private final OneTimeTask<CompletedRun> task;
    private final OneTimeTask<FixCommand> commandTask;
    private final Scheduler scheduler;
    private final AtomicLong completed = new AtomicLong();
    private final TaskDeadline deadline;
    private final JdbcCustomization jdbcCustomization;
    /** The one module it needs, named: findAndRegisterModules scans the class path, a tenth of start-up. */
    private final Serializer serializer =
            new JacksonSerializer(new ObjectMapper().registerModule(new JavaTimeModule()));

    /**
     * How the scheduler runs: worker threads, polling, heartbeats, the bounded wait at shutdown, how often the
     * periodic job (catch-up) runs (null for none), and how long after the first start it first runs.
     */
    public record Settings(
            int threads,
            Duration pollingInterval,
            Duration heartbeatInterval,
            Duration shutdownWait,
            Duration periodicInterval,
            Duration periodicFirstDelay,
            Duration taskDeadline) {

        /** How long one run or command may take, from its start to its comment or commit. */
        public static final Duration TASK_DEADLINE = Duration.ofMinutes(10);

        public Settings(
                int threads,
                Duration pollingInterval,
                Duration heartbeatInterval,
                Duration shutdownWait,
                Duration periodicInterval,
                Duration periodicFirstDelay) {
            this(
                    threads,
                    pollingInterval,
                    heartbeatInterval,
                    shutdownWait,
                    periodicInterval,
                    periodicFirstDelay,
                    TASK_DEADLINE);
        }

        public Settings withTaskDeadline(Duration deadline) {
            return new Settings(
                    threads,
                    pollingInterval,
                    heartbeatInterval,
                    shutdownWait,
                    periodicInterval,
                    periodicFirstDelay,
                    deadline);
        }

        /** The periodic job's first run at once: tests. */
        public Settings(
                int threads,
                Duration pollingInterval,
                Duration heartbeatInterval,
                Duration shutdownWait,
                Duration periodicInterval) {
            this(threads, pollingInterval, heartbeatInterval, shutdownWait, periodicInterval, Duration.ZERO);
        }

        public static Settings defaults() {
            return new Settings(
                    4,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(20),
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(10));
        }
    }

    /**
     * @param periodic work to run at start-up and every {@link Settings#periodicInterval()}, on one instance at a
     *                 time (catch-up)
     */
    /** @param clock the queue's time, which the scheduler keeps too: when tasks are due, when runs finished */
    public DurableRunQueue(
            DataSource dataSource,
            Database.Dialect dialect,
            RunHandler handler,
            FixCommandHandler commands,
            RetryPolicy retryPolicy,
            Settings settings,
            Runnable periodic,
            Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retryPolicy = retryPolicy;
        this.failedTasks = new FailedTasks(dataSource);
        this.deadline = new TaskDeadline(settings.taskDeadline());
        this.task = oneTime(TASK, CompletedRun.class, handler::handle);
        this.commandTask = oneTime(COMMAND_TASK, FixCommand.class, commands::handle);
        // the dialect is known: db-scheduler's autodetection would ask the database again, for each client
        this.jdbcCustomization = dialect == Database.Dialect.POSTGRESQL
                ? new PostgreSqlJdbcCustomization(false, false)
                : new DefaultJdbcCustomization(false);
        SchedulerBuilder builder = Scheduler.create(dataSource, task, commandTask)
                .clock(clock::instant)
                .jdbcCustomization(jdbcCustomization)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(4)
                .enableImmediateExecution()
                .shutdownMaxWait(settings.shutdownWait())
                .serializer(serializer)
                .failureLogging(com.github.kagkarlsson.scheduler.logging.LogLevel.DEBUG, false);
        if (dialect == Database.Dialect.POSTGRESQL) {
            builder = builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        if (settings.periodicInterval() != null) {
            builder = builder.startTasks(Tasks.recurring(
                            PERIODIC_TASK,
                            new FirstRunDelayed(settings.periodicInterval(), settings.periodicFirstDelay()))
                    .execute((instance, context) -> periodic.run()));
        }
        this.scheduler = builder.build();
    }

    /** A handler's work for one task's data, which may fail with the reason the retry policy reads. */
    @FunctionalInterface
    private interface TaskWork<T> {
        RunResult handle(T data) throws Exception;
    }

    /** A task whose outcome is recorded for the status page and whose failures go to the retry policy. */
    private <T> OneTimeTask<T> oneTime(String name, Class<T> type, TaskWork<T> work) {
        return Tasks.oneTime(name, type)
                .onFailure(this::onFailure)
                .onDeadExecution(this::onDeadExecution)
                .execute((instance, context) -> {
                    RunResult result;
                    try {
                        result = deadline.run(() -> work.handle(instance.getData()));
                        completed.incrementAndGet();
                    } catch (Exception e) {
                        throw new RunFailedException(e);
                    }
                    recordResult(instance.getId(), result);
                });
    }

    public DurableRunQueue start() {
        scheduler.start();
        return this;
    }

    /** The task's id: one run attempt, whatever the number of deliveries about it. */
    public static String id(CompletedRun run) {
        return run.taskId();
    }

    /** How the intake stores tasks inside its own transactions: db-scheduler's client on {@code lent}. */
    TaskStore taskStore(DataSource lent) {
        return new TaskStore(
                SchedulerClient.Builder.create(lent, task, commandTask)
                        .serializer(serializer)
                        .jdbcCustomization(jdbcCustomization)
                        .build(),
                task,
                commandTask);
    }

    /** Looks for due work now rather than at the next poll: a run was just queued. */
    void wake() {
        scheduler.triggerCheckForDueExecutions();
    }

    /** The queue's time, for what is scheduled on it. */
    Instant now() {
        return clock.instant();
    }

    /** Runs and commands stored and not yet done (waiting, running, or waiting to be tried again). */
    public int pending() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select count(*) from scheduled_tasks where task_name in (?, ?)")) {
            select.setString(1, TASK);
            select.setString(2, COMMAND_TASK);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new QueueUnavailableException("the queue cannot be read", e);
        }
    }

    /** Runs stored and not yet done, soonest due first. */
    public List<CompletedRun> waiting() {
        List<ScheduledExecution<CompletedRun>> executions = new ArrayList<>();
        scheduler.fetchScheduledExecutionsForTask(TASK, CompletedRun.class, executions::add);
        executions.sort(Comparator.comparing(ScheduledExecution::getExecutionTime));
        return executions.stream().map(ScheduledExecution::getData).toList();
    }

    /** Runs this instance is working on now. */
    public int executing() {
        return scheduler.getCurrentlyExecuting().size();
    }

    /** Whether the scheduler is picking work: started and not stopping. */
    public boolean running() {
        return scheduler.getSchedulerState().isStarted()
                && !scheduler.getSchedulerState().isShuttingDown();
    }

    /** Runs and commands this instance finished since it started. */
    public long completed() {
        return completed.get();
    }

    public FailedTasks failedTasks() {
        return failedTasks;
    }

    /** For the status page; the work is done whether or not this is written. */
    private void recordResult(String id, RunResult result) {
        if (result == null) {
            return;
        }
        String detail = result.detail() == null || result.detail().length() <= 2_000
                ? result.detail()
                : result.detail().substring(0, 1_999) + "…";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update queued_runs set outcome = ?, detail = ?, finished_at = ?, dry_run_comment = ?"
                                + " where task_instance = ?")) {
            update.setString(1, result.outcome().id());
            update.setString(2, detail);
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setString(4, result.dryRunComment().orElse(null));
            update.setString(5, id);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("task={}: its outcome could not be recorded: {}", id, e.toString());
        }
    }

    private <T> void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        Throwable error = complete.getCause().map(DurableRunQueue::unwrap).orElse(new IllegalStateException("?"));
        String id = complete.getExecution().taskInstance.getId();
        int failures = complete.getExecution().consecutiveFailures + 1;
        Instant now = clock.instant();
        RetryPolicy.Decision decision = error instanceof TaskDeadline.ExceededException
                ? afterDeadline(error.getMessage(), failures, now)
                : retryPolicy.decide(error, failures, now);
        if (decision.retryAt().isPresent()) {
            Instant at = decision.retryAt().get();
            LOG.warn("task={} attempt={} outcome=retry at={} reason=\"{}\"", id, failures, at, decision.reason());
            operations.reschedule(complete, at);
            return;
        }
        LOG.error("task={} attempt={} outcome=failed reason=\"{}\"", id, failures, decision.reason());
        try {
            failedTasks.record(id, failures, decision.reason(), now);
        } catch (SQLException e) {
            LOG.error("task={}: the failure could not be recorded: {}", id, e.toString());
        }
        operations.remove();
    }

    /**
     * A task stopped at its deadline is tried once more (GitHub may have been slow); the second time it has shown
     * that its input takes longer, and it fails with that reason.
     */
    private static RetryPolicy.Decision afterDeadline(String reason, int failures, Instant now) {
        return failures >= 2
                ? RetryPolicy.Decision.giveUp(reason + ", twice")
                : RetryPolicy.Decision.retryAt(now.plus(Duration.ofMinutes(1)), reason);
    }

    /**
     * A task whose worker stopped sending heartbeats (the instance died, or was killed mid-task): revived once, as
     * db-scheduler does; a task that had already failed or died before is failed with that reason rather than
     * revived for ever, since it may be what kills its worker.
     */
    private <T> void onDeadExecution(ExecutionComplete complete, ExecutionOperations<T> operations) {
        String id = complete.getExecution().taskInstance.getId();
        int failures = complete.getExecution().consecutiveFailures + 1;
        Instant now = clock.instant();
        if (failures < 2) {
            LOG.warn(
                    "task={} attempt={} outcome=revived reason=\"its worker stopped without finishing it\"",
                    id,
                    failures);
            operations.reschedule(complete, now);
            return;
        }
        String reason = "the task stopped without finishing " + failures
                + " times in a row (its worker died or was killed), so it is not tried again";
        LOG.error("task={} attempt={} outcome=failed reason=\"{}\"", id, failures, reason);
        try {
            failedTasks.record(id, failures, reason, now);
        } catch (SQLException e) {
            LOG.error("task={}: the failure could not be recorded: {}", id, e.toString());
        }
        operations.remove();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof RunFailedException && error.getCause() != null ? error.getCause() : error;
    }

    /** Stops picking work; waits, up to the configured bound, for work already running. */
    @Override
    public void close() {
        scheduler.stop();
        deadline.close();
    }

    /** Carries a handler's checked exception through db-scheduler to the failure handler. */
    private static final class RunFailedException extends RuntimeException {
        RunFailedException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
