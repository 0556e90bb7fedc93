package dev.pipfix.queue;

import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.app.Config;
import dev.pipfix.app.PipfixServer;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.TestApps;
import dev.pipfix.testing.TestDatabases;
import dev.pipfix.testing.WebhookSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances on one PostgreSQL share the work: every run is handled exactly once, and both do some. */
class ScaleOutTest {

    private static final String REPO = "octo-org/octo-repo";
    private static final String SECRET = "scale-out secret";
    private static final int EVENTS = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void two_instances_on_one_postgresql_handle_each_of_1000_runs_exactly_once() throws Exception {
        String databaseUrl = TestDatabases.url("postgresql");
        PipfixServer.Options options = new PipfixServer.Options(
                new DurableRunQueue.Settings(
                        4, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10), null),
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                5);
        try (GitHubSimulator github = new GitHubSimulator(Clock.systemUTC())) {
            // given GitHub, and two instances on the same database
            github.installationTokensForAny("ghs_scale");
            github.jobsForAnyRun(REPO, failedJob(1001, "test (3.12)", "Run tests", 4));
            github.log(REPO, 1001, Fixtures.log("linux-pytest-failure-no-pip-error.log"));
            PipfixServer one = server(github, databaseUrl, options);
            PipfixServer two = server(github, databaseUrl, options);
            try {
                WebhookSender toOne = new WebhookSender("http://127.0.0.1:" + one.port() + "/webhook", SECRET);
                WebhookSender toTwo = new WebhookSender("http://127.0.0.1:" + two.port() + "/webhook", SECRET);

                // when 1,000 failures arrive, half at each
                for (int i = 1; i <= EVENTS; i++) {
                    byte[] payload = Fixtures.text("payloads/workflow_run-completed-failure-same-repo.json")
                            .replace("680634037", Long.toString(900_000_000L + i))
                            .getBytes(StandardCharsets.UTF_8);
                    assertThat((i % 2 == 0 ? toOne : toTwo)
                                    .deliver("workflow_run", payload)
                                    .statusCode())
                            .isEqualTo(202);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                while (one.runsInFlight() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }

                // then every run's jobs were listed once, by one instance or the other, and both worked
                Map<String, Long> listings = github.apiRequests().stream()
                        .map(r -> r.getUrl())
                        .filter(url -> url.contains("/attempts/1/jobs"))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(one.runsInFlight()).isZero();
                assertThat(listings).hasSize(EVENTS);
                assertThat(listings.values()).allMatch(n -> n == 1);
                assertThat(one.queue().completed() + two.queue().completed()).isEqualTo(EVENTS);
                assertThat(one.queue().completed()).isPositive();
                assertThat(two.queue().completed()).isPositive();
            } finally {
                one.close();
                two.close();
                TestDatabases.drop(databaseUrl);
            }
        }
    }

    private PipfixServer server(GitHubSimulator github, String databaseUrl, PipfixServer.Options options) {
        Config config = TestApps.registered(github, SECRET, dataDir)
                .databaseUrl(databaseUrl)
                .build();
        return new PipfixServer(config, Clock.systemUTC(), options).start();
    }
}
