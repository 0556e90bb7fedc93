package dev.pipfix.app;

import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Await;
import dev.pipfix.testing.CommentStore;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.PackagedJar;
import dev.pipfix.testing.Ports;
import dev.pipfix.testing.WebhookSender;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise, with a real crash: the packaged jar, 100 signed failures, GitHub slowed down, SIGKILL
 * mid-way, a restart on the same embedded database. In the end every run has exactly one comment, none twice: the
 * tasks a dead process held are picked up again, and a task re-run after it had already commented finds that comment.
 */
class CrashRecoveryIT {

    private static final String REPO = "octo-org/octo-repo";
    private static final String SECRET = "crash test secret";
    private static final int EVENTS = 100;

    @TempDir
    Path dir;

    @Test
    void a_sigkill_mid_way_loses_no_delivery_and_repeats_no_comment() throws Exception {
        CommentStore comments = new CommentStore();
        try (GitHubSimulator github = new GitHubSimulator(Clock.systemUTC(), comments)) {
            // given GitHub, slowed down
            github.installationTokens(4242, "ghs_crash");
            github.repository(REPO, 101);
            github.jobsForAnyRun(REPO, failedJob(1001, "test (3.12)", "Install dependencies", 3));
            github.slowLog(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"), 250);
            github.commentsFromStore(REPO);
            Files.writeString(dir.resolve("app.pem"), Fixtures.text("keys/app-pkcs1.pem"));
            int port = Ports.free();

            // when 100 failures arrive and the process is killed mid-way
            Process first = PackagedJar.startApp(dir, SECRET, port, github, "first.log");
            WebhookSender sender = new WebhookSender("http://127.0.0.1:" + port + "/webhook", SECRET);
            for (int i = 1; i <= EVENTS; i++) {
                HttpResponse<String> response = sender.deliver("workflow_run", "crash-" + i, payload(i));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            }
            Await.until(Duration.ofSeconds(60), () -> comments.posts() >= 10);
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long beforeRestart = comments.posts();
            assertThat(beforeRestart).as("killed mid-way").isLessThan(EVENTS);

            // and started again on the same database
            Process second = PackagedJar.startApp(dir, SECRET, port, github, "second.log");
            try {
                // 100 comments take more than a minute: pipfix keeps to 80 writes a minute per installation
                Await.until(Duration.ofSeconds(240), () -> commented(comments) == EVENTS);
                // by now the executions the dead process held were taken over (40 s of missed heartbeats); give a
                // re-run that finds its own comment time to show it does not post again
                Thread.sleep(Duration.ofSeconds(10).toMillis());

                // then every run has exactly one comment
                Map<Integer, Integer> perIssue = comments.commentsPerIssue();
                assertThat(perIssue).hasSize(EVENTS);
                assertThat(perIssue.values())
                        .as(Files.readString(dir.resolve("second.log")))
                        .allMatch(n -> n == 1);
                assertThat(comments.posts()).isEqualTo(EVENTS);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long commented(CommentStore comments) {
        return comments.commentsPerIssue().values().stream().filter(n -> n > 0).count();
    }

    /** Run {@code i} of a workflow of its own, on pull request {@code 1000 + i}. */
    private static byte[] payload(int i) {
        return Fixtures.text("payloads/workflow_run-completed-failure-same-repo.json")
                .replace("680634037", Long.toString(700_000_000L + i))
                .replace("\"workflow_id\": 7087581", "\"workflow_id\": " + (8_000_000 + i))
                .replace("\"number\": 42", "\"number\": " + (1000 + i))
                .getBytes(StandardCharsets.UTF_8);
    }
}
