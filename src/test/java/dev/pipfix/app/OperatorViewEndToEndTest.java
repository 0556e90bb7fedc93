package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.WebhookSender;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the operator sees: the status page, metrics, health, and a dry run.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class OperatorViewEndToEndTest extends EndToEndTest {

    @Test
    void the_status_page_lists_each_delivery_with_what_came_of_it() throws Exception {
        // given a failed run that gets a comment, another delivery about the same run, and a run GitHub no longer has
        failingRun().stub();
        github.app("pipfix", "octo-org");
        HttpResponse<String> commented =
                sender.deliver("workflow_run", "5f0c2a30-c6c1-11f0-8e5b-0a1b2c3d4e5f", Fixtures.payload(SAME_REPO));
        awaitIdle();
        sender.deliver("workflow_run", "60a1b2c3-c6c1-11f0-8e5b-0a1b2c3d4e5f", Fixtures.payload(SAME_REPO));
        sender.deliver("workflow_run", "6a7d3b41-c6c1-11f0-8e5b-0a1b2c3d4e5f", run(SAME_REPO, 680634099));
        awaitIdle();

        // when the owner reads the status page with ADMIN_TOKEN, and a stranger reads it too
        HttpResponse<String> page = page("/", "Bearer " + ADMIN_TOKEN);
        HttpResponse<String> anonymous = page("/");
        HttpResponse<String> guessed = page("/", "Bearer " + ADMIN_TOKEN.replace('9', '8'));

        // then the stranger learns that pipfix runs, and nothing of the repositories it serves
        for (HttpResponse<String> stranger : List.of(anonymous, guessed)) {
            assertThat(stranger.statusCode()).isEqualTo(200);
            assertThat(stranger.body())
                    .contains("is running")
                    .contains("href=\"/healthz\"")
                    .doesNotContain("octo-org")
                    .doesNotContain("octo-repo")
                    .doesNotContain("680634037")
                    .doesNotContain("5f0c2a30-c6c1-11f0-8e5b-0a1b2c3d4e5f")
                    .doesNotContain("Permission denied")
                    .doesNotContain("commented");
        }
        // and the owner sees what came of each delivery
        assertThat(commented.statusCode()).isEqualTo(202);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"https://github.com/apps/pipfix\">pipfix</a>")
                .contains("octo-org")
                .contains("selected repositories")
                .contains("5f0c2a30-c6c1-11f0-8e5b-0a1b2c3d4e5f")
                .contains("octo-org/octo-repo/680634037/1")
                .contains("commented (#42=created)")
                .contains("60a1b2c3-c6c1-11f0-8e5b-0a1b2c3d4e5f")
                .contains("duplicate: its run was queued before")
                .contains("octo-org/octo-repo/680634099/1")
                .contains("failed: GET /repos/octo-org/octo-repo/actions/"
                        + "runs/680634099/attempts/1/jobs answered 404")
                .contains("<span id=\"queued\">0</span>")
                .contains("<span id=\"failed\">1</span>")
                .contains("Commits on request: <strong>off</strong> (read-only). <code>/pipfix apply</code> needs"
                        + " contents: write, workflows: write, the issue_comment event")
                .doesNotContain(SECRET)
                .doesNotContain("ghs_first");
    }

    @Test
    void metrics_count_deliveries_github_calls_comments_findings_and_the_queue() throws Exception {
        // given a run that gets a comment, and a delivery with a wrong signature
        failingRun().stub();
        deliverAndWait(SAME_REPO);
        new WebhookSender("http://127.0.0.1:" + server.port() + "/webhook", "wrong secret")
                .deliver("workflow_run", Fixtures.payload(SAME_REPO));

        // when
        HttpResponse<String> scraped = page("/metrics");

        // then
        assertThat(scraped.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        String metrics = scraped.body();
        // names no repository: anyone who reaches the server may read it
        assertThat(metrics).doesNotContain("octo-org").doesNotContain("octo-repo");
        assertThat(sample(
                        metrics,
                        "pipfix_webhooks_total",
                        "event=\"workflow_run\"",
                        "result=\"queued\"",
                        "status=\"202\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_webhooks_total", "event=\"unverified\"", "status=\"401\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_webhook_signature_failures_total")).isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_github_requests_total", "endpoint=\"installation_token\"", "status=\"201\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_github_requests_total", "endpoint=\"run_jobs\"", "status=\"200\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_github_requests_total", "endpoint=\"job_logs\"", "status=\"302\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_github_requests_total", "endpoint=\"log_storage\"", "status=\"200\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_github_requests_total", "endpoint=\"issue_comments\"", "status=\"201\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_github_rate_limit_remaining", "installation=\"4242\""))
                .isEqualTo(4990.0);
        assertThat(sample(metrics, "pipfix_comments_total", "outcome=\"created\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_findings_total", "kind=\"permission-denied\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_log_scanned_bytes_total")).isGreaterThan(1_000.0);
        assertThat(sample(metrics, "pipfix_run_duration_seconds_count", "outcome=\"commented\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "pipfix_runs_queued")).isEqualTo(0.0);
        assertThat(sample(metrics, "pipfix_runs_failed")).isEqualTo(0.0);
        assertThat(metrics).doesNotContain("ghs_first").doesNotContain(SECRET);
    }

    @Test
    void healthz_answers_200_with_each_part_and_503_naming_the_scheduler_once_it_stops() throws Exception {
        HttpResponse<String> healthy = page("/healthz");

        server.queue().close();
        HttpResponse<String> down = page("/healthz");

        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(healthy.body()).path("database").asText())
                .isEqualTo("up");
        assertThat(new ObjectMapper().readTree(healthy.body()).path("scheduler").asText())
                .isEqualTo("running");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(down.body()).path("status").asText())
                .isEqualTo("down");
        assertThat(new ObjectMapper().readTree(down.body()).path("scheduler").asText())
                .startsWith("down");
    }

    @Test
    void dry_run_reads_everything_writes_nothing_and_shows_the_would_be_comment() throws Exception {
        server.close();
        startServer(true);
        failingRun().withoutWorkflowFile().stub();

        deliverAndWait(SAME_REPO);

        assertThat(github.apiCalls()).contains("GET /repos/octo-org/octo-repo/issues/42/comments?per_page=100");
        assertThat(github.writes()).isEmpty();
        // and the status page shows the comment it would have posted, escaped
        assertThat(page("/").body()).doesNotContain("Dry run").doesNotContain("octo-repo");
        assertThat(page("/", "Bearer " + ADMIN_TOKEN).body())
                .contains("<strong>Dry run:</strong>")
                .contains("commented (#42=dry_run)")
                .contains("the comment it would post")
                .contains("&lt;!-- pipfix:workflow=7087581 --&gt;")
                .contains("### pipfix: `pip install` failed for lack of permission");
    }
}
