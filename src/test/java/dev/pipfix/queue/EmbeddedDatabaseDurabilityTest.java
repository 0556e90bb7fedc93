package dev.pipfix.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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
        // given a JVM that records deliveries on the embedded database and halts at once, as a SIGKILL would stop it
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RecordThenHalt.class.getName(), dataDir.toString(),
                Integer.toString(DELIVERIES))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("recorded " + DELIVERIES);
        assertThat(child.exitValue()).isEqualTo(RecordThenHalt.HALTED);

        // when the database is opened again
        try (HikariDataSource dataSource = Database.of(null, dataDir).open(2)) {
            DeliveryLog deliveries = new DeliveryLog(dataSource);

            // then every delivery that was committed is there
            for (int i = 0; i < DELIVERIES; i++) {
                assertThat(deliveries.seen("delivery-" + i)).as("delivery-" + i).isTrue();
            }
        }
    }

    /** The child: record, say so, and halt without closing anything. */
    public static final class RecordThenHalt {

        static final int HALTED = 137;

        public static void main(String[] args) throws Exception {
            Database database = Database.of(null, Path.of(args[0]));
            HikariDataSource dataSource = database.open(2);
            Migrations.apply(dataSource, database.dialect());
            // past H2's first background write, so that only the commits below are at stake
            Thread.sleep(1_500);
            DeliveryLog deliveries = new DeliveryLog(dataSource);
            int count = Integer.parseInt(args[1]);
            for (int i = 0; i < count; i++) {
                deliveries.record("delivery-" + i, "workflow_run", "queued", Instant.now());
            }
            System.out.println("recorded " + count);
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
