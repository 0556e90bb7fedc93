package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Await;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PostgreSQL under a running pipfix stops and starts again: a real server of the test's own (its data directory
 * kept across the restart), so that stopping it touches no other test. While it is down each delivery is answered 503
 * with the reason well inside GitHub's 10 s deadline, a burst does not hold the server, {@code /healthz} says so at
 * once, and when it is back pipfix takes deliveries again by itself.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"postgresql"})
class DatabaseOutageEndToEndTest extends EndToEndTest {

    /** Far under the 10 s the connection pool waited before; the intake's pool gives up after 500 ms. */
    private static final Duration PROMPT = Duration.ofSeconds(2);

    @TempDir
    Path postgresDir;

    private int postgresPort;
    private EmbeddedPostgres postgres;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    String openDatabase(String kind) throws Exception {
        postgresPort = Ports.free();
        postgres = startPostgres();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    void dropDatabase(String url) {
        // the server and its data directory go with the test
    }

    @AfterEach
    void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private EmbeddedPostgres startPostgres() throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(postgresDir.resolve("data"))
                .setCleanDataDirectory(false)
                .setPort(postgresPort)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    @Test
    void while_the_database_is_down_deliveries_get_503_with_the_reason_at_once_and_afterwards_they_are_taken_again()
            throws Exception {
        // given the usual failing run, and pipfix taking deliveries
        failingRun().stub();
        assertThat(sender.deliver("workflow_run", Fixtures.payload(SAME_REPO)).statusCode())
                .isEqualTo(202);
        awaitIdle();

        // when the database stops
        postgres.close();
        postgres = null;

        // then a delivery is refused promptly, with the reason and what GitHub will do
        String refusedId = UUID.randomUUID().toString();
        byte[] refusedRun = run(SAME_REPO, 680634038);
        long began = System.nanoTime();
        HttpResponse<String> refused = sender.deliver("workflow_run", refusedId, refusedRun);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(PROMPT);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body())
                .contains("the database has not answered since")
                .contains("it can be redelivered")
                .doesNotContain("Connection refused");

        // and so is each of a burst larger than the server's request threads would hold for 10 s each
        List<Duration> burst = burst(40);
        assertThat(burst).allSatisfy(took -> assertThat(took).isLessThan(PROMPT));

        // and /healthz answers at once that the database is down
        began = System.nanoTime();
        HttpResponse<String> health = get("/healthz");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(PROMPT);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body())
                .contains("down: the database has not answered since")
                .as("the driver's message (host, user) is not for anyone to read")
                .doesNotContain("Connection refused")
                .doesNotContain("127.0.0.1");

        // when it starts again
        postgres = startPostgres();

        // then GitHub's redelivery of the refused delivery is taken, and its run is read and commented
        Await.until(Duration.ofSeconds(30), () -> {
            int status = sender.deliver("workflow_run", refusedId, refusedRun).statusCode();
            assertThat(status).isIn(202, 503);
            return status == 202;
        });
        awaitIdle();
        assertThat(github.apiCalls())
                .contains("GET /repos/octo-org/octo-repo/actions/runs/680634038/attempts/1/jobs?per_page=100&page=1");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    /** Sends {@code count} deliveries at once; how long each took to be answered 503. */
    private List<Duration> burst(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Duration>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] payload = run(SAME_REPO, 680640000L + i);
                answers.add(pool.submit(() -> {
                    long began = System.nanoTime();
                    HttpResponse<String> response = sender.deliver("workflow_run", payload);
                    assertThat(response.statusCode()).isEqualTo(503);
                    return Duration.ofNanos(System.nanoTime() - began);
                }));
            }
            List<Duration> took = new ArrayList<>();
            for (Future<Duration> answer : answers) {
                took.add(answer.get());
            }
            return took;
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
