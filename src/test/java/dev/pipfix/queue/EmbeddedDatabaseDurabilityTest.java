package dev.pipfix.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pipfix.testing.TestQueues;
import dev.pipfix.testing.TestRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipfix answers 202 once a delivery is committed, and GitHub never resends a delivery it saw answered 2xx. So a
 * commit on the embedded database must survive the process being killed the moment after, not only a clean stop.
 */
class EmbeddedDatabaseDurabilityTest {

    private static final int DELIVERIES = 200;

    @TempDir
    Path dataDir;

    @Test
    void deliveries_committed_just_before_the_process_is_killed_are_there_after_a_restart() throws Exception {
        // given a JVM that stores deliveries and their runs on the embedded database, from several requests at once,
        // and halts the moment the last is stored, as a SIGKILL would stop it
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RecordThenHalt.class.getName(),
                        dataDir.toString(),
                        Integer.toString(DELIVERIES))
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("recorded " + DELIVERIES);
        assertThat(child.exitValue()).isEqualTo(RecordThenHalt.HALTED);

        // when the database is opened again
        try (HikariDataSource dataSource = Database.of(null, dataDir).open(2)) {
            DeliveryLog deliveries = new DeliveryLog(dataSource);
            List<CompletedRun> runs;
            try (DurableRunQueue queue = RecordThenHalt.queue(dataSource)) {
                runs = queue.waiting();
            }

            // then every delivery that was stored is there, and its run is queued
            for (int i = 0; i < DELIVERIES; i++) {
                assertThat(deliveries.seen("delivery-" + i)).as("delivery-" + i).isTrue();
            }
            assertThat(runs)
                    .extracting(CompletedRun::runId)
                    .doesNotHaveDuplicates()
                    .hasSize(DELIVERIES);
        }
    }

    /** The child: store, say so, and halt without closing anything. */
    public static final class RecordThenHalt {

        static final int HALTED = 137;

        public static void main(String[] args) throws Exception {
            Database database = Database.of(null, Path.of(args[0]));
            HikariDataSource dataSource = database.open(2);
            Migrations.apply(dataSource, database.dialect());
            // past H2's first background write, so that only the commits below are at stake
            Thread.sleep(1_500);
            int count = Integer.parseInt(args[1]);
            BatchingIntake intake = new BatchingIntake(
                    new ReachableDatabase(dataSource, Clock.systemUTC()), queue(dataSource), Duration.ofSeconds(30), 1);
            ExecutorService requests = Executors.newFixedThreadPool(8);
            List<Future<Admission>> admissions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "delivery-" + i;
                CompletedRun run = TestRuns.failed(id, 9_000 + i, i);
                admissions.add(
                        requests.submit(() -> intake.admit(Delivery.ofRun(id, "workflow_run", Instant.now(), run))));
            }
            for (Future<Admission> admission : admissions) {
                if (admission.get() != Admission.RUN_QUEUED) {
                    throw new IllegalStateException("not queued: " + admission.get());
                }
            }
            System.out.println("recorded " + count);
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        }

        /** A queue that is never started: the test reads what is stored, and runs nothing. */
        static DurableRunQueue queue(HikariDataSource dataSource) {
            return TestQueues.unstarted(dataSource, Database.Dialect.H2);
        }
    }
}
