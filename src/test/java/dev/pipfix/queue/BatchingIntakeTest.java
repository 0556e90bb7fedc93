package dev.pipfix.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.pipfix.testing.TestDatabases;
import dev.pipfix.testing.TestQueues;
import dev.pipfix.testing.TestRuns;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Group commit on the real databases: deliveries arriving together, duplicates racing, one bad delivery; with one
 * writer thread and with two, as PostgreSQL runs it.
 */
@ParameterizedClass(name = "on {0}, {1} writer(s)")
@CsvSource({"h2, 1", "postgresql, 1", "postgresql, 2", "h2, 2"})
class BatchingIntakeTest {

    @Parameter(0)
    String kind;

    @Parameter(1)
    int writers;

    @TempDir
    Path dataDir;

    private TestDatabases.Opened database;
    private HikariDataSource dataSource;
    private DurableRunQueue queue;
    private BatchingIntake intake;
    private final ExecutorService requests = Executors.newFixedThreadPool(32);

    @BeforeEach
    void open() throws SQLException {
        database = TestDatabases.open(kind, dataDir, 10);
        dataSource = database.dataSource();
        queue = TestQueues.unstarted(dataSource, database.dialect());
        intake = new BatchingIntake(
                new ReachableDatabase(dataSource, Clock.systemUTC()), queue, Duration.ofSeconds(20), writers);
    }

    @AfterEach
    void close() throws SQLException {
        requests.shutdownNow();
        intake.close();
        database.close();
    }

    @Test
    void deliveries_arriving_together_share_commits_and_each_is_stored_with_its_run() throws Exception {
        // given 64 requests that store at the same moment
        List<Object> outcomes = atOnce(64, i -> Delivery.ofRun("d-" + i, "workflow_run", Instant.now(), run(i)));

        // then each delivery is stored and its run queued, in fewer transactions than deliveries
        assertThat(outcomes).hasSize(64).containsOnly(Admission.RUN_QUEUED);
        assertThat(queue.waiting())
                .extracting(CompletedRun::runId)
                .doesNotHaveDuplicates()
                .hasSize(64);
        assertThat(count("select count(*) from deliveries where result = 'queued'"))
                .isEqualTo(64);
        assertThat(count("select count(*) from queued_runs")).isEqualTo(64);
        assertThat(intake.commits()).isLessThan(64);
    }

    @Test
    void the_same_delivery_from_many_requests_at_once_is_stored_once() throws Exception {
        List<Object> outcomes = atOnce(24, i -> Delivery.ofRun("same", "workflow_run", Instant.now(), run(1)));

        assertThat(outcomes).filteredOn(Admission.RUN_QUEUED::equals).hasSize(1);
        assertThat(outcomes).filteredOn(Admission.DUPLICATE_DELIVERY::equals).hasSize(23);
        assertThat(queue.waiting()).hasSize(1);
    }

    @Test
    void two_instances_receiving_the_same_delivery_at_once_store_it_once() throws Exception {
        // given a second instance's intake on the same database
        try (BatchingIntake other = new BatchingIntake(
                new ReachableDatabase(dataSource, Clock.systemUTC()), queue, Duration.ofSeconds(20), writers)) {
            // when both get each of 20 deliveries at the same moment
            List<Object> outcomes = atOnce(
                    40,
                    i -> Delivery.ofRun("d-" + i / 2, "workflow_run", Instant.now(), run(i / 2)),
                    i -> i % 2 == 0 ? intake : other);

            // then each delivery was stored by one of them, and the other saw a duplicate
            assertThat(outcomes).filteredOn(Admission.RUN_QUEUED::equals).hasSize(20);
            assertThat(outcomes)
                    .filteredOn(Admission.DUPLICATE_DELIVERY::equals)
                    .hasSize(20);
            assertThat(queue.waiting()).hasSize(20);
        }
    }

    @Test
    void deliveries_about_one_run_queue_it_once_and_are_each_recorded() throws Exception {
        List<Object> outcomes = atOnce(10, i -> Delivery.ofRun("d-" + i, "workflow_run", Instant.now(), run(7)));

        assertThat(outcomes).filteredOn(Admission.RUN_QUEUED::equals).hasSize(1);
        assertThat(outcomes).filteredOn(Admission.RUN_ALREADY_QUEUED::equals).hasSize(9);
        assertThat(count("select count(*) from deliveries where result = 'duplicate'"))
                .isEqualTo(9);
        assertThat(queue.waiting()).hasSize(1);
    }

    @Test
    void a_delivery_that_cannot_be_stored_fails_alone() throws Exception {
        // given 30 deliveries arriving together, one with an event name longer than its column
        List<Object> outcomes = atOnce(
                30,
                i -> i == 13
                        ? Delivery.recordOnly("d-13", "x".repeat(500), Instant.now(), DeliveryResult.IGNORED)
                        : Delivery.ofRun("d-" + i, "workflow_run", Instant.now(), run(i)));

        // then only that one is refused, and nothing of it is kept
        assertThat(outcomes.get(13)).isInstanceOf(QueueUnavailableException.class);
        assertThat(outcomes).filteredOn(Admission.RUN_QUEUED::equals).hasSize(29);
        assertThat(new DeliveryLog(dataSource).seen("d-13")).isFalse();
        assertThat(queue.waiting()).hasSize(29);
    }

    @Test
    void a_database_that_is_down_is_reported_not_waited_on() {
        dataSource.close();

        assertThatThrownBy(() -> intake.admit(Delivery.ofRun("d-1", "workflow_run", Instant.now(), run(1))))
                .isInstanceOf(QueueUnavailableException.class)
                .hasMessageContaining("could not be stored");
    }

    @Test
    void a_failure_the_driver_does_not_classify_while_the_database_is_gone_is_answered_as_the_outage() {
        // given a database that went away: the pooled connection still handed out fails with words of its own
        // (no SQL state), and a new connection is refused
        DataSource stopping = stoppingDatabase();
        try (BatchingIntake during = new BatchingIntake(
                new ReachableDatabase(stopping, Clock.systemUTC()), queue, Duration.ofSeconds(20), writers)) {

            // then the delivery is refused with the outage, not as a delivery that could not be stored
            assertThatThrownBy(() -> during.admit(Delivery.ofRun("d-1", "workflow_run", Instant.now(), run(1))))
                    .isInstanceOf(QueueUnavailableException.class)
                    .hasMessageContaining("the database has not answered since");
        }
    }

    /** A JDBC stand-in: one connection whose every call fails unclassified, then connections refused (SQL state 08001). */
    private static DataSource stoppingDatabase() {
        AtomicInteger handedOut = new AtomicInteger();
        Connection broken = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new SQLException("Unexpected packet type: 0");
                });
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (handedOut.getAndIncrement() < 2) {
                        return broken;
                    }
                    throw new SQLNonTransientConnectionException("Connection to 127.0.0.1 refused", "08001");
                });
    }

    @Test
    void after_close_nothing_more_is_taken_and_what_was_waiting_is_stored() throws Exception {
        Future<Admission> before = requests.submit(
                () -> intake.admit(Delivery.recordOnly("d-1", "ping", Instant.now(), DeliveryResult.PONG)));
        before.get();

        intake.close();

        assertThat(before.get()).isEqualTo(Admission.RECORDED);
        assertThatThrownBy(() -> intake.admit(Delivery.recordOnly("d-2", "ping", Instant.now(), DeliveryResult.PONG)))
                .isInstanceOf(QueueUnavailableException.class)
                .hasMessageContaining("stopping");
    }

    private List<Object> atOnce(int count, IntFunction<Delivery> delivery) throws Exception {
        return atOnce(count, delivery, i -> intake);
    }

    /** Each request's outcome, or the exception it got, in request order. */
    private List<Object> atOnce(int count, IntFunction<Delivery> delivery, IntFunction<Intake> intakeFor)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(requests.submit(() -> {
                start.await();
                try {
                    return intakeFor.apply(n).admit(delivery.apply(n));
                } catch (QueueUnavailableException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private static CompletedRun run(int n) {
        return TestRuns.failed("d-" + n, 30_433_642L + n, n);
    }
}
