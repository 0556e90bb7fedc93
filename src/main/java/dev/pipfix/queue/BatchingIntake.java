package dev.pipfix.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores deliveries that arrive together in one transaction (group commit): each request waits until the commit
 * that holds its delivery is durable, and a writer thread commits whatever has queued up meanwhile. A commit costs
 * the same for one delivery as for a hundred, so under load this is what lets the webhook keep up without answering
 * 202 before the delivery is safe. A delivery, the record that its run is queued and the run's task are stored in
 * one transaction: all or none. Writers racing on the same delivery or run meet as two instances do: the unique key
 * fails one, which then finds the other's row.
 * <p>
 * When a batch fails because another instance stored the same delivery at the same moment, it is rolled back and its
 * deliveries are stored one at a time, so that one cannot fail the others. When it fails because the database did
 * not answer, every delivery in it is refused at once with the reason, and so is every delivery that arrives while
 * {@link ReachableDatabase} remembers the outage: none waits for an attempt of its own.
 */
public final class BatchingIntake implements Intake, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingIntake.class);
    private static final int MAX_BATCH = 256;
    private static final Pending STOP = new Pending(null);

    private final ReachableDatabase database;
    private final DurableRunQueue queue;
    private final Duration maxWait;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writerThreads = new ArrayList<>();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param maxWait how long a request waits for its commit before it answers that the delivery was not stored
     * @param writers threads committing at once, each on a connection of its own: on PostgreSQL two overlap one's
     *                wait for the WAL flush with the other's statements (a quarter more deliveries a second, measured);
     *                on H2, whose commits serialise inside the store, one does more than two
     */
    public BatchingIntake(ReachableDatabase database, DurableRunQueue queue, Duration maxWait, int writers) {
        this.database = database;
        this.queue = queue;
        this.maxWait = maxWait;
        for (int i = 0; i < writers; i++) {
            LentConnection lent = new LentConnection();
            Writer writer = new Writer(lent, queue.taskStore(lent));
            Thread thread = new Thread(() -> write(writer), "pipfix-intake-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
            writerThreads.add(thread);
        }
    }

    @Override
    public Admission admit(Delivery delivery) {
        if (closed) {
            throw new QueueUnavailableException("pipfix is stopping", null);
        }
        Optional<ReachableDatabase.Outage> outage = database.remembered();
        if (outage.isPresent()) {
            throw new QueueUnavailableException(outage.get().describe(), null);
        }
        Pending pending = new Pending(delivery);
        waiting.add(pending);
        try {
            return pending.outcome.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new QueueUnavailableException(
                    "the database did not store it within " + maxWait.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueUnavailableException("interrupted while storing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QueueUnavailableException unavailable) {
                throw unavailable;
            }
            throw new QueueUnavailableException("the delivery could not be stored", e.getCause());
        }
    }

    /** A writer thread's own connection to lend db-scheduler, and its client on it. */
    private record Writer(LentConnection lent, TaskStore tasks) {}

    private void write(Writer writer) {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Pending first;
            try {
                first = waiting.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first == STOP) {
                return;
            }
            batch.add(first);
            waiting.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            store(writer, batch);
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void store(Writer writer, List<Pending> batch) {
        try {
            List<Admission> outcomes = inOneTransaction(writer, batch);
            complete(batch, outcomes);
        } catch (SQLException | RuntimeException e) {
            // whichever statement failed (a pooled connection can break at setAutoCommit as well as at the insert)
            database.failed(e);
            if (refusedForOutage(batch, e)) {
                return;
            }
            if (batch.size() == 1) {
                storeAlone(writer, batch.get(0), e);
                return;
            }
            LOG.debug("a batch of {} deliveries failed ({}); storing them one by one", batch.size(), e.toString());
            for (Pending pending : batch) {
                store(writer, List.of(pending));
            }
        }
    }

    /**
     * One delivery whose transaction failed. It is tried once more: another instance may have stored the same
     * delivery or run at the same moment (a unique-key violation, which db-scheduler reports in its own words), and
     * the second try sees that row and answers "duplicate".
     */
    private void storeAlone(Writer writer, Pending pending, Exception failure) {
        try {
            complete(List.of(pending), inOneTransaction(writer, List.of(pending)));
            return;
        } catch (SQLException | RuntimeException again) {
            failure = again;
        }
        database.failed(failure);
        if (refusedForOutage(List.of(pending), failure)) {
            return;
        }
        // a statement on a connection that broke while the server stopped can fail in words the driver does not
        // classify (seen once in CI): whether the database answers a check at all decides what the sender is told
        if (database.check().isPresent() && refusedForOutage(List.of(pending), failure)) {
            return;
        }
        LOG.warn("delivery={} could not be stored: {}", pending.delivery.id(), failure.toString());
        refuse(List.of(pending), new QueueUnavailableException("the delivery could not be stored", failure));
    }

    /** While an outage is remembered, the batch is refused with it, at once and whole. */
    private boolean refusedForOutage(List<Pending> batch, Exception failure) {
        Optional<ReachableDatabase.Outage> outage = database.remembered();
        if (outage.isEmpty()) {
            return false;
        }
        LOG.warn("{} deliveries refused: {}", batch.size(), outage.get().detail());
        refuse(batch, new QueueUnavailableException(outage.get().describe(), failure));
        return true;
    }

    private static void refuse(List<Pending> batch, QueueUnavailableException reason) {
        for (Pending pending : batch) {
            pending.outcome.completeExceptionally(reason);
        }
    }

    private void complete(List<Pending> batch, List<Admission> outcomes) {
        boolean queued = false;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome.complete(outcomes.get(i));
            queued |= outcomes.get(i) == Admission.RUN_QUEUED;
        }
        if (queued) {
            queue.wake();
        }
    }

    private List<Admission> inOneTransaction(Writer writer, List<Pending> batch) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                List<Admission> outcomes =
                        writer.lent().lend(connection, () -> admitAll(writer.tasks(), connection, batch));
                connection.commit();
                commits.incrementAndGet();
                database.answered();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** A connection that broke cannot roll back either; the failure that matters is the one already thrown. */
    private static void rollBack(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.toString());
        }
    }

    /**
     * Decides each delivery against the rows already there and the others in the batch, then writes all in a few
     * batched statements: a handful of round trips per batch, not per delivery. Alone, a delivery whose run's task
     * is there without being recorded as queued (left by an older version) is told apart instead of failing.
     */
    private List<Admission> admitAll(TaskStore tasks, Connection connection, List<Pending> batch) throws SQLException {
        Set<String> deliveryIds = new LinkedHashSet<>();
        Set<String> runIds = new LinkedHashSet<>();
        for (Pending pending : batch) {
            deliveryIds.add(pending.delivery.id());
            if (pending.delivery.work() != null) {
                runIds.add(pending.delivery.work().taskId());
            }
        }
        Set<String> seen = Rows.existing(connection, "deliveries", "delivery_id", deliveryIds);
        Set<String> queued = Rows.existing(connection, "queued_runs", "task_instance", runIds);
        Instant now = queue.now();
        List<Admission> outcomes = new ArrayList<>(batch.size());
        List<Work> newRuns = new ArrayList<>();
        List<Object[]> runRows = new ArrayList<>();
        List<Object[]> deliveryRows = new ArrayList<>();
        for (Pending pending : batch) {
            Delivery delivery = pending.delivery;
            if (!seen.add(delivery.id())) {
                outcomes.add(Admission.DUPLICATE_DELIVERY);
                continue;
            }
            Admission admission = Admission.RECORDED;
            if (delivery.work() != null) {
                String runId = delivery.work().taskId();
                admission = queued.add(runId) ? Admission.RUN_QUEUED : Admission.RUN_ALREADY_QUEUED;
                if (admission == Admission.RUN_QUEUED) {
                    if (batch.size() == 1 && !tasks.scheduleIfAbsent(delivery.work(), now)) {
                        admission = Admission.RUN_ALREADY_QUEUED;
                    } else if (batch.size() > 1) {
                        newRuns.add(delivery.work());
                    }
                    runRows.add(new Object[] {runId, delivery.receivedAt()});
                }
            }
            deliveryRows.add(new Object[] {
                delivery.id(),
                delivery.event(),
                delivery.receivedAt(),
                switch (admission) {
                    case RUN_QUEUED -> DeliveryResult.QUEUED.id();
                    case RUN_ALREADY_QUEUED -> DeliveryResult.DUPLICATE.id();
                    default -> delivery.result().id();
                },
                delivery.work() == null ? null : delivery.work().taskId()
            });
            outcomes.add(admission);
        }
        tasks.scheduleAll(newRuns, now);
        Rows.insertAll(connection, "insert into queued_runs (task_instance, queued_at) values (?, ?)", runRows);
        Rows.insertAll(
                connection,
                "insert into deliveries (delivery_id, event, received_at, result, task_instance) values (?, ?, ?, ?, ?)",
                deliveryRows);
        return outcomes;
    }

    /** Transactions committed since start; fewer than the deliveries stored when they arrive together. */
    public long commits() {
        return commits.get();
    }

    /**
     * Stops taking deliveries; those already waiting are stored before this returns (within the wait a request
     * allows), so that no request in flight is answered 202 for a delivery that was not.
     */
    @Override
    public void close() {
        closed = true;
        writerThreads.forEach(writer -> waiting.add(STOP));
        long until = System.nanoTime() + maxWait.toNanos();
        try {
            for (Thread writer : writerThreads) {
                writer.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Pending {
        final Delivery delivery;
        final CompletableFuture<Admission> outcome = new CompletableFuture<>();

        Pending(Delivery delivery) {
            this.delivery = delivery;
        }
    }
}
