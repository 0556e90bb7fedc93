package dev.pipfix.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipfix.testing.CommentStore;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.GitHubSimulator.SimPull;
import dev.pipfix.testing.PackagedJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipfix action} run as a process the way a runner runs the Action's step: the event GitHub saved at
 * {@code GITHUB_EVENT_PATH} (the webhook's {@code workflow_run} payload, which in Actions names no installation),
 * the workflow's token in {@code GITHUB_TOKEN}, the API at {@code GITHUB_API_URL} (the simulator), and the summary
 * and output files. The usual failing run: job 1001 of run 680634037 failed installing into a root-owned user site,
 * on pull request #42.
 */
class ActionCommandIT {

    private static final String REPO = "octo-org/octo-repo";
    private static final long RUN = 680634037;
    private static final String HEAD_SHA = "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a";
    private static final String TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

    @TempDir
    Path dir;

    /** The workflow token writes as github-actions[bot]. */
    private final CommentStore store = new CommentStore("github-actions[bot]");

    private GitHubSimulator github;

    @BeforeEach
    void start() {
        github = new GitHubSimulator(Clock.systemUTC(), store);
    }

    @AfterEach
    void stop() {
        // holds every request against GitHub's REST API description
        github.close();
    }

    private record Ran(int exitCode, String log, String summary, Map<String, String> outputs) {}

    @Test
    void a_failing_run_gets_one_comment_written_with_the_workflows_token() throws Exception {
        // given
        failingRun();

        // when
        Ran ran = action("workflow_run-completed-failure-same-repo.json", Map.of());

        // then
        assertThat(ran.exitCode()).isZero();
        assertThat(github.writes()).singleElement().satisfies(post -> {
            assertThat(post.getUrl()).isEqualTo("/repos/" + REPO + "/issues/42/comments");
            assertThat(post.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        });
        assertThat(github.apiRequests())
                .allSatisfy(request ->
                        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(store.bodies(42))
                .singleElement()
                .asString()
                .contains("Job `test (3.12)`, step `Install dependencies`");
        assertThat(ran.outputs())
                .containsEntry("findings", "1")
                .containsEntry("comment-url", "https://github.com/" + REPO + "/pull/42#issuecomment-" + commentId(42));
        assertThat(ran.summary()).contains("### pipfix:").contains("_Posted: https://github.com/" + REPO + "/pull/42");
        assertThat(ran.log()).doesNotContain(TOKEN);
    }

    @Test
    void a_later_attempt_edits_the_comment_the_first_one_made() throws Exception {
        // given the first attempt commented
        failingRun();
        github.jobs(REPO, RUN, 2, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        action("workflow_run-completed-failure-same-repo.json", Map.of());

        // when
        Ran ran = action("workflow_run-completed-failure-same-repo-attempt-2.json", Map.of());

        // then
        assertThat(ran.exitCode()).isZero();
        assertThat(store.posts()).isEqualTo(1);
        assertThat(store.edits()).isEqualTo(1);
        assertThat(store.bodies(42)).singleElement().asString().contains("(attempt 2)");
    }

    @Test
    void a_run_from_a_fork_finds_its_pull_request() throws Exception {
        // given GitHub leaves pull_requests empty for forks
        failingRun();
        github.openPullRequests(REPO, "contributor:fix-deps", new SimPull(57, "contributor", "fix-deps", HEAD_SHA));

        // when
        Ran ran = action("workflow_run-completed-failure-fork.json", Map.of());

        // then
        assertThat(ran.exitCode()).isZero();
        assertThat(store.bodies(57)).hasSize(1);
        assertThat(ran.outputs().get("comment-url")).contains("/pull/57#issuecomment-");
    }

    @Test
    void a_failure_without_a_finding_gets_no_comment_and_one_summary_line() throws Exception {
        // given the failed job ran the tests
        failingRun();
        github.log(REPO, 1001, Fixtures.log("linux-pytest-failure-no-pip-error.log"));

        // when
        Ran ran = action("workflow_run-completed-failure-same-repo.json", Map.of());

        // then
        assertThat(ran.exitCode()).isZero();
        assertThat(github.writes()).isEmpty();
        assertThat(ran.summary().strip())
                .isEqualTo("**pipfix:** the failed jobs of run #7 of `CI` show no installer permission error; no"
                        + " comment.");
        assertThat(ran.outputs()).containsEntry("findings", "0").containsEntry("comment-url", "");
    }

    @Test
    void github_failing_is_reported_and_the_step_still_passes() throws Exception {
        // given the jobs list answers 403: the workflow did not grant actions: read
        failingRun();
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Resource not accessible by integration\","
                                + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"403\"}")));

        // when
        Ran passing = action("workflow_run-completed-failure-same-repo.json", Map.of());
        Ran failing = action("workflow_run-completed-failure-same-repo.json", Map.of("PIPFIX_FAIL_ON_ERROR", "true"));

        // then
        assertThat(passing.exitCode()).isZero();
        assertThat(passing.log())
                .contains("::warning title=pipfix::")
                .contains("Resource not accessible by integration");
        assertThat(passing.summary()).contains("could not finish").contains("actions: read");
        assertThat(failing.exitCode()).isEqualTo(ActionCommand.FAILED);
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void a_502_is_tried_again_and_the_comment_still_made() throws Exception {
        // given the jobs list fails once
        failingRun();
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                .atPriority(1)
                .inScenario("502")
                .whenScenarioStateIs("Started")
                .willSetStateTo("answered")
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

        // when
        Ran ran = action("workflow_run-completed-failure-same-repo.json", Map.of());

        // then
        assertThat(ran.exitCode()).isZero();
        assertThat(store.posts()).isEqualTo(1);
    }

    @Test
    void a_passing_run_marks_the_earlier_comment_resolved() throws Exception {
        // given the failure commented
        failingRun();
        action("workflow_run-completed-failure-same-repo.json", Map.of());

        // when the workflow passes on the same pull request
        Ran ran = action("workflow_run-completed-success-same-repo.json", Map.of());

        // then
        assertThat(ran.exitCode()).isZero();
        assertThat(store.posts()).isEqualTo(1);
        assertThat(store.bodies(42)).singleElement().asString().contains("### pipfix: resolved");
        assertThat(ran.summary()).contains("#42=edited");
    }

    @Test
    void a_rate_limit_that_resets_later_is_reported_not_waited_for() throws Exception {
        // given the token's hourly budget is spent for the next 40 minutes
        failingRun();
        long reset = Instant.now().plusSeconds(2400).getEpochSecond();
        github.stub(
                get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                        .atPriority(1)
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("x-ratelimit-limit", "1000")
                                        .withHeader("x-ratelimit-remaining", "0")
                                        .withHeader("x-ratelimit-reset", Long.toString(reset))
                                        .withBody(
                                                "{\"message\":\"API rate limit exceeded for installation ID 4242.\","
                                                        + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")));

        // when
        long started = System.nanoTime();
        Ran ran = action("workflow_run-completed-failure-same-repo.json", Map.of());

        // then it asked once and stopped
        assertThat(ran.exitCode()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(github.apiCalls().stream().filter(c -> c.contains("/jobs"))).hasSize(1);
        assertThat(ran.summary()).contains("rate limited").contains("re-run this job then");
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void a_run_past_the_time_budget_stops_and_is_reported_as_fail_on_error_says() throws Exception {
        // given GitHub takes 15 s to list the jobs, and the workflow gives pipfix 2 s
        failingRun();
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withFixedDelay(15_000)
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"total_count\":0,\"jobs\":[]}")));

        // when
        long started = System.nanoTime();
        Ran passing =
                action("workflow_run-completed-failure-same-repo.json", Map.of("PIPFIX_TIME_BUDGET_SECONDS", "2"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Ran failing = action(
                "workflow_run-completed-failure-same-repo.json",
                Map.of("PIPFIX_TIME_BUDGET_SECONDS", "2", "PIPFIX_FAIL_ON_ERROR", "true"));

        // then it stopped at the budget, said why, and wrote nothing
        assertThat(took).isLessThan(Duration.ofSeconds(12));
        assertThat(passing.exitCode()).isZero();
        assertThat(passing.log()).contains("::warning title=pipfix::").contains("time budget of 2 s");
        assertThat(passing.summary()).contains("could not finish").contains("time-budget-seconds");
        assertThat(failing.exitCode()).isEqualTo(ActionCommand.FAILED);
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void another_event_is_explained_not_failed() throws Exception {
        // when
        Ran ran = action("workflow_run-completed-failure-same-repo.json", Map.of("GITHUB_EVENT_NAME", "push"));

        // then
        assertThat(ran.exitCode()).isZero();
        assertThat(ran.summary()).contains("workflow_run");
        assertThat(github.apiRequests()).isEmpty();
    }

    private void failingRun() {
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        github.repository(REPO, 101);
        github.commentsFromStore(REPO);
    }

    private long commentId(int number) {
        return store.ids(number).get(0);
    }

    /** The event as the runner saves it: the webhook payload, without the installation a webhook names. */
    private Ran action(String payload, Map<String, String> overrides) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode event = (ObjectNode) json.readTree(Fixtures.payload(payload));
        event.remove("installation");
        Path eventFile = dir.resolve("event.json");
        Files.write(eventFile, json.writeValueAsBytes(event));
        Path summary = dir.resolve("summary.md");
        Path output = dir.resolve("output.txt");
        Files.deleteIfExists(summary);
        Files.deleteIfExists(output);
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_EVENT_NAME", "workflow_run");
        env.put("GITHUB_EVENT_PATH", eventFile.toString());
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_API_URL", github.apiUrl());
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", REPO);
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("GITHUB_OUTPUT", output.toString());
        env.putAll(overrides);
        Path log = dir.resolve("action.log");
        Process process = PackagedJar.start(dir, env, log, List.of(), List.of("action"));
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("pipfix action ended")
                .isTrue();
        return new Ran(
                process.exitValue(),
                Files.readString(log, StandardCharsets.UTF_8),
                Files.exists(summary) ? Files.readString(summary, StandardCharsets.UTF_8) : "",
                outputs(output));
    }

    /** {@code name<<DELIMITER}, the value's lines, {@code DELIMITER}: as the runner reads the file. */
    private static Map<String, String> outputs(Path file) throws Exception {
        Map<String, String> values = new HashMap<>();
        if (!Files.exists(file)) {
            return values;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("<<");
            String name = line.substring(0, at);
            String delimiter = line.substring(at + 2);
            StringBuilder value = new StringBuilder();
            while (!lines.get(++i).equals(delimiter)) {
                value.append(value.length() == 0 ? "" : "\n").append(lines.get(i));
            }
            values.put(name, value.toString());
        }
        return values;
    }
}
