package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipfix.testing.Fixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GitHub failing, and deliveries arriving in numbers: retries with backoff, rate limits waited out, permanent errors
 * kept with their reason, duplicates worked once.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class GitHubFailuresEndToEndTest extends EndToEndTest {

    @Test
    void the_answer_to_github_does_not_wait_for_github() {
        // given a GitHub API that takes three seconds to list the jobs
        github.installationTokens(4242, "ghs_first");
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(3_000)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"total_count\":0,\"jobs\":[]}")));

        // when
        HttpResponse<String> response = sender.deliver("workflow_run", Fixtures.payload(SAME_REPO));

        // then the delivery is answered while the work is still going on
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(server.runsInFlight()).isEqualTo(1);
        awaitIdle();
    }

    @Test
    void a_github_502_that_persists_is_retried_then_kept_as_failed_with_its_reason() throws Exception {
        github.installationTokens(4242, "ghs_first");
        github.stub(get(urlPathEqualTo(JOBS))
                .willReturn(aResponse()
                        .withStatus(502)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        HttpResponse<String> first = deliverAndWait(SAME_REPO);
        HttpResponse<String> ping = sender.deliver("ping", Fixtures.payload("ping.json"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(github.apiCalls()).filteredOn(call -> call.contains(JOBS)).hasSize(FAST.maxAttempts());
        assertThat(github.writes()).isEmpty();
        assertThat(server.queue().failedTasks().reason("octo-org/octo-repo/680634037/1"))
                .startsWith("gave up after 5 tries")
                .contains("502");
        assertThat(ping.statusCode()).isEqualTo(200);
    }

    @Test
    void a_502_a_reset_connection_and_a_429_are_retried_and_end_in_exactly_one_comment() throws Exception {
        // given GitHub failing three ways before it answers
        github.installationTokens(4242, "ghs_first");
        failThenAnswer(
                aResponse().withStatus(502).withBody("Bad Gateway"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"API rate limit exceeded\"}"));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        pullRequestWithComments(42);

        // when
        deliverAndWait(SAME_REPO);

        // then
        List<LoggedRequest> jobLists = github.apiRequests().stream()
                .filter(r -> r.getUrl().contains(JOBS))
                .toList();
        assertThat(jobLists).hasSize(4);
        Duration afterRateLimit = Duration.between(
                jobLists.get(2).getLoggedDate().toInstant(),
                jobLists.get(3).getLoggedDate().toInstant());
        assertThat(afterRateLimit)
                .as("the wait honoured Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(github.writes())
                .singleElement()
                .satisfies(r -> assertThat(r.getMethod().getName()).isEqualTo("POST"));
    }

    @Test
    void a_secondary_rate_limit_403_waits_for_its_retry_after() throws Exception {
        github.installationTokens(4242, "ghs_first");
        failThenAnswer(aResponse()
                .withStatus(403)
                .withHeader("Retry-After", "2")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before"
                        + " you try again.\",\"documentation_url\":\"https://docs.github.com/rest\"}"));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        pullRequestWithComments(42);

        deliverAndWait(SAME_REPO);

        List<LoggedRequest> jobLists = github.apiRequests().stream()
                .filter(r -> r.getUrl().contains(JOBS))
                .toList();
        assertThat(jobLists).hasSize(2);
        assertThat(Duration.between(
                        jobLists.get(0).getLoggedDate().toInstant(),
                        jobLists.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_950));
        assertThat(github.writes()).hasSize(1);
    }

    @Test
    void a_404_or_a_missing_permission_stops_at_once_with_a_reason_naming_it() throws Exception {
        github.installationTokens(4242, "ghs_first");
        github.stub(get(urlPathEqualTo(JOBS))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest/actions/workflow-jobs\",\"status\":\"403\"}")));

        deliverAndWait(SAME_REPO);

        assertThat(github.apiCalls()).filteredOn(call -> call.contains(JOBS)).hasSize(1);
        assertThat(server.queue().failedTasks().reason("octo-org/octo-repo/680634037/1"))
                .contains("Resource not accessible by integration")
                .contains("`actions: read`");
    }

    @Test
    void the_same_delivery_ten_times_and_two_deliveries_of_one_run_give_one_comment() throws Exception {
        failingRun().withoutWorkflowFile().stub();

        List<String> results = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(
                    sender.deliver("workflow_run", "72d3162e-cc78-11e3-81ab-4c9367dc0958", Fixtures.payload(SAME_REPO))
                            .body());
        }
        results.add(sender.deliver("workflow_run", "a second delivery id", Fixtures.payload(SAME_REPO))
                .body());
        awaitIdle();

        assertThat(results.get(0)).contains("\"queued\"");
        assertThat(results.subList(1, 11)).allSatisfy(body -> assertThat(body).contains("\"duplicate\""));
        assertThat(github.apiCalls()).filteredOn(call -> call.contains(JOBS)).hasSize(1);
        assertThat(github.writes()).hasSize(1);
    }

    @Test
    void more_deliveries_at_once_than_the_database_has_connections_are_all_queued() throws Exception {
        // given 48 failed runs delivered at the same moment, against a pool of 10 connections
        github.installationTokens(4242, "ghs_first");
        github.jobsForAnyRun(REPO, failedJob(1001, "test (3.12)", "Run tests", 4));
        github.log(REPO, 1001, Fixtures.log("linux-pytest-failure-no-pip-error.log"));
        int deliveries = 48;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(deliveries);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> responses = new java.util.ArrayList<>();
            for (int i = 1; i <= deliveries; i++) {
                byte[] payload = Fixtures.text("payloads/" + SAME_REPO)
                        .replace(Long.toString(RUN), Long.toString(RUN + i))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                responses.add(senders.submit(() -> {
                    start.await();
                    return sender.deliver("workflow_run", payload);
                }));
            }

            // when
            start.countDown();

            // then each is answered 202 queued, none 503 from a starved pool, and each run is worked once
            for (java.util.concurrent.Future<HttpResponse<String>> response : responses) {
                assertThat(response.get(60, java.util.concurrent.TimeUnit.SECONDS)
                                .body())
                        .contains("\"queued\"");
            }
            awaitIdle();
            assertThat(github.apiCalls())
                    .filteredOn(call -> call.contains("/attempts/1/jobs"))
                    .hasSize(deliveries);
        } finally {
            senders.shutdownNow();
        }
    }
}
