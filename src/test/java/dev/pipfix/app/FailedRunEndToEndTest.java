package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static dev.pipfix.testing.GitHubSimulator.passedJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipfix.github.PrivateKeys;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.report.CommentMarker;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.GitHubSimulator.SimComment;
import dev.pipfix.testing.GitHubSimulator.SimPull;
import dev.pipfix.testing.ShiftedClock;
import dev.pipfix.testing.TestApps;
import dev.pipfix.testing.TestDatabases;
import dev.pipfix.testing.WebhookSender;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path over real HTTP: a signed delivery to the real server, GitHub simulated by WireMock, and the exact
 * requests GitHub received. Runs once on the embedded H2 default and once on PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class FailedRunEndToEndTest {

    /** Short waits, so that retries and backoff happen within a test. */
    static final PipfixServer.Options FAST = new PipfixServer.Options(
            new DurableRunQueue.Settings(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), null),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            5);

    @Parameter
    String databaseKind;

    private String databaseUrl;

    private static final String REPO = "octo-org/octo-repo";
    private static final long RUN = 680634037;
    private static final String SECRET = "webhook secret for tests";
    private static final String ADMIN_TOKEN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String SAME_REPO = "workflow_run-completed-failure-same-repo.json";
    private static final String MARKER = CommentMarker.forWorkflow(7087581);
    private static final String JOBS = "/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs";
    private static final String HEAD_SHA = "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a";

    @TempDir
    Path dataDir;

    private final ShiftedClock clock = new ShiftedClock();
    private GitHubSimulator github;
    private PipfixServer server;
    private WebhookSender sender;
    private RSAPrivateCrtKey key;

    @BeforeEach
    void start() throws Exception {
        databaseUrl = TestDatabases.url(databaseKind);
        github = new GitHubSimulator(clock);
        key = (RSAPrivateCrtKey) PrivateKeys.parse(Fixtures.text("keys/app-pkcs1.pem"));
        startServer(false);
    }

    private void startServer(boolean dryRun) {
        Config config = TestApps.registered(github, SECRET, dataDir)
                .databaseUrl(databaseUrl)
                .dryRun(dryRun)
                .adminToken(Optional.of(ADMIN_TOKEN))
                .build();
        server = new PipfixServer(config, clock, FAST).start();
        sender = new WebhookSender("http://127.0.0.1:" + server.port() + "/webhook", SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        github.close();
        TestDatabases.drop(databaseUrl);
    }

    @Test
    void a_failed_run_of_a_same_repository_pull_request_gets_one_comment_with_a_patch() throws Exception {
        // given
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3), passedJob(1002, "lint"));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        pullRequestWithComments(42);

        // when
        HttpResponse<String> response = deliverAndWait(SAME_REPO);

        // then: the installation token, and six calls for the run (the log's storage hop aside)
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(github.apiCalls())
                .containsExactly(
                        "POST /app/installations/4242/access_tokens",
                        "GET /repos/octo-org/octo-repo/contents/.github/pipfix.yml",
                        "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/1/jobs?per_page=100&page=1",
                        "GET /repos/octo-org/octo-repo/actions/jobs/1001/logs",
                        "GET /repos/octo-org/octo-repo/contents/.github/workflows/ci.yml?ref=" + HEAD_SHA,
                        "GET /repos/octo-org/octo-repo/issues/42/comments?per_page=100",
                        "POST /repos/octo-org/octo-repo/issues/42/comments");
        assertAppJwt(github.apiRequests().get(0).getHeader("Authorization"));
        assertThat(github.apiRequests().subList(1, 7))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("token ghs_first"));
        assertThat(github.storageRequests())
                .singleElement()
                .satisfies(r -> assertThat(r.containsHeader("Authorization")).isFalse());

        String body = postedBody(github.writes().get(0));
        assertThat(body).startsWith(MARKER + "\n");
        assertThat(body)
                .contains("The `CI` workflow failed in [run #7](https://github.com/octo-org/octo-repo/actions/"
                        + "runs/680634037) (attempt 1)");
        assertThat(body).contains("#### Job `test (3.12)`, step `Install dependencies`");
        assertThat(body).contains("(https://github.com/octo-org/octo-repo/actions/runs/680634037/job/1001#step:3:11)");
        assertThat(body)
                .contains("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                        + " '/home/runner/.local/lib/python3.12/site-packages/requests-2.32.5.dist-info'");
        assertThat(body).contains("""
                ```diff
                --- a/.github/workflows/ci.yml
                +++ b/.github/workflows/ci.yml
                @@ -11,6 +11,11 @@
                         python: ["3.12"]
                     steps:
                       - uses: actions/checkout@v4
                +      - name: Create a virtual environment
                +        run: |
                +          python3 -m venv .venv
                +          echo "$PWD/.venv/bin" >> "$GITHUB_PATH"
                +          echo "VIRTUAL_ENV=$PWD/.venv" >> "$GITHUB_ENV"
                       # the project's own requirements
                       - name: Install dependencies
                         run: pip install -r requirements.txt
                ```""");
    }

    @Test
    void a_repeat_failure_asks_conditionally_and_edits_the_comment_it_knows_in_five_calls_two_of_them_304()
            throws Exception {
        // given a first failure that was commented on, with a settings file on the default branch
        github.installationTokens(4242, "ghs_first");
        github.settingsFile(REPO, "fix: venv\n");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.jobs(REPO, RUN, 2, failedJob(1003, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.log(REPO, 1003, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        pullRequestWithComments(42);
        github.acceptCommentEdits(REPO, 42, 9001);
        deliverAndWait(SAME_REPO);
        assertThat(github.notModified()).isZero();
        github.resetRequests();

        // when the run is re-run at the same commit and fails the same way
        deliverAndWait(Fixtures.text("payloads/" + SAME_REPO)
                .replace("\"run_attempt\": 1", "\"run_attempt\": 2")
                .getBytes(StandardCharsets.UTF_8));

        // then the settings and the workflow file are asked with If-None-Match and answered 304, the token is
        // reused, and the comment is edited by its id without listing the pull request's comments
        assertThat(github.apiCalls())
                .containsExactly(
                        "GET /repos/octo-org/octo-repo/contents/.github/pipfix.yml",
                        "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/2/jobs?per_page=100&page=1",
                        "GET /repos/octo-org/octo-repo/actions/jobs/1003/logs",
                        "GET /repos/octo-org/octo-repo/contents/.github/workflows/ci.yml?ref=" + HEAD_SHA,
                        "PATCH /repos/octo-org/octo-repo/issues/comments/9001");
        assertThat(github.apiRequests())
                .filteredOn(r -> r.getUrl().contains("/contents/"))
                .allSatisfy(r -> assertThat(r.getHeader("If-None-Match")).startsWith("W/\""));
        assertThat(github.notModified()).isEqualTo(2);
        assertThat(postedBody(github.writes().get(0))).contains("(attempt 2)").contains("```diff");
    }

    @Test
    void a_workflow_file_that_cannot_be_read_still_gets_the_comment_with_the_step_to_add() throws Exception {
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        pullRequestWithComments(42);

        deliverAndWait(SAME_REPO);

        String body = postedBody(github.writes().get(0));
        assertThat(body)
                .contains("pipfix made no patch for this one: the workflow file could not be read at " + HEAD_SHA)
                .contains("python3 -m venv .venv")
                .doesNotContain("```diff");
    }

    @Test
    void a_delivery_without_installation_finds_the_apps_installation_for_the_repository() throws Exception {
        github.installationOf(REPO, 4242);
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        pullRequestWithComments(42);

        deliverAndWait("workflow_run-completed-failure-repository-webhook.json");

        assertThat(github.apiCalls())
                .startsWith("GET /repos/octo-org/octo-repo/installation", "POST /app/installations/4242/access_tokens");
        assertAppJwt(github.apiRequests().get(0).getHeader("Authorization"));
        assertThat(postedBody(github.writes().get(0))).contains("The `CI` workflow failed");
    }

    @Test
    void a_delivery_for_a_repository_the_app_is_not_installed_on_writes_nothing() {
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/installation"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        HttpResponse<String> response = deliverAndWait("workflow_run-completed-failure-repository-webhook.json");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(github.apiCalls()).containsExactly("GET /repos/octo-org/octo-repo/installation");
    }

    @Test
    void a_run_from_a_fork_finds_its_pull_request_by_head_owner_branch_and_sha() throws Exception {
        // given GitHub leaves pull_requests empty for forks
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "lint", "Install flake8", 4));
        github.log(REPO, 1001, Fixtures.log("linux-container-old-pip-system-site-errno13.log"));
        github.repository(REPO, 101);
        github.openPullRequests(
                REPO,
                "contributor:fix-deps",
                new SimPull(57, "contributor", "fix-deps", "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a"),
                new SimPull(58, "contributor", "fix-deps", "0000000000000000000000000000000000000000"));
        github.issue(REPO, 57);
        github.comments(REPO, 57);
        github.acceptNewComments(REPO, 57, 9001);

        // when
        deliverAndWait("workflow_run-completed-failure-fork.json");

        // then
        assertThat(github.apiCalls())
                .contains("GET /repos/octo-org/octo-repo/pulls?state=open&head=contributor%3Afix-deps&per_page=100");
        assertThat(github.writes())
                .singleElement()
                .satisfies(r -> assertThat(r.getUrl()).isEqualTo("/repos/octo-org/octo-repo/issues/57/comments"));
        assertThat(postedBody(github.writes().get(0)))
                .contains("#### Job `lint`, step `Install flake8`")
                .contains("belongs to root");
    }

    @Test
    void a_run_with_no_pull_request_gets_a_commit_comment_when_the_settings_say_comment_on_push() throws Exception {
        // given a push to main that fails, in a repository whose settings ask for commit comments
        github.installationTokens(4242, "ghs_first");
        github.settingsFile(REPO, "comment_on: [pull_request, push]\n");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        github.commitComments(REPO, HEAD_SHA, null, 8_811);
        github.repository(REPO, 101);

        // when
        deliverAndWait("workflow_run-completed-failure-push-no-pr.json");

        // then the commit gets the comment, with the patch
        assertThat(github.writes()).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("POST");
            assertThat(r.getUrl()).isEqualTo("/repos/octo-org/octo-repo/commits/" + HEAD_SHA + "/comments");
        });
        String body = postedBody(github.writes().get(0));
        assertThat(body).startsWith(MARKER + "\n").contains("```diff");

        // when the run is re-run and fails again, with the comment now on the commit
        github.commitComments(REPO, HEAD_SHA, body, 8_813);
        github.jobs(REPO, RUN, 2, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.resetRequests();
        deliverAndWait(Fixtures.text("payloads/workflow_run-completed-failure-push-no-pr.json")
                .replace("\"run_attempt\": 1", "\"run_attempt\": 2")
                .getBytes(StandardCharsets.UTF_8));

        // then that comment is edited in place, not a second one added, without listing the commit's comments
        assertThat(github.writes()).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("PATCH");
            assertThat(r.getUrl()).isEqualTo("/repos/octo-org/octo-repo/comments/8811");
        });
        assertThat(github.apiCalls()).noneMatch(call -> call.startsWith("GET /repos/octo-org/octo-repo/commits/"));
        assertThat(postedBody(github.writes().get(0))).contains("(attempt 2)");
    }

    @Test
    void a_run_with_no_pull_request_reads_the_logs_and_writes_nothing() {
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));

        HttpResponse<String> response = deliverAndWait("workflow_run-completed-failure-push-no-pr.json");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(github.apiCalls())
                .containsExactly(
                        "POST /app/installations/4242/access_tokens",
                        "GET /repos/octo-org/octo-repo/contents/.github/pipfix.yml",
                        "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/1/jobs?per_page=100&page=1",
                        "GET /repos/octo-org/octo-repo/actions/jobs/1001/logs");
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void two_failed_jobs_give_one_comment_with_both() throws Exception {
        github.installationTokens(4242, "ghs_first");
        github.jobs(
                REPO,
                RUN,
                1,
                failedJob(1001, "test (ubuntu-latest, 3.12)", "Install dependencies", 3),
                failedJob(1003, "test (windows-latest, 3.11)", "Upgrade pip", 4));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.log(REPO, 1003, Fixtures.log("windows-pip-self-upgrade-winerror5.log"));
        pullRequestWithComments(42);

        deliverAndWait(SAME_REPO);

        assertThat(github.writes()).hasSize(1);
        String body = postedBody(github.writes().get(0));
        assertThat(body)
                .contains("#### Job `test (ubuntu-latest, 3.12)`, step `Install dependencies`")
                .contains("#### Job `test (windows-latest, 3.11)`, step `Upgrade pip`")
                .contains("run: python -m pip install --upgrade pip");
    }

    @Test
    void a_log_without_a_pip_error_gives_no_comment_and_no_pull_request_lookup() {
        github.installationTokens(4242, "ghs_first");
        runsFailingWithoutPipError(RUN);

        deliverAndWait(SAME_REPO);

        assertThat(github.apiCalls())
                .containsExactly(
                        "POST /app/installations/4242/access_tokens",
                        "GET /repos/octo-org/octo-repo/contents/.github/pipfix.yml",
                        "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/1/jobs?per_page=100&page=1",
                        "GET /repos/octo-org/octo-repo/actions/jobs/1001/logs");
    }

    @Test
    void a_second_failure_edits_the_first_comment_and_a_redelivery_of_it_writes_nothing() throws Exception {
        // given a first failure that created our comment
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        pullRequestWithComments(42);
        deliverAndWait(SAME_REPO);
        String first = postedBody(github.writes().get(0));

        // when the re-run fails differently
        github.comments(
                REPO,
                42,
                new SimComment(7001, "octocat", "User", "Looks good, but CI is red."),
                new SimComment(9001, "pipfix[bot]", "Bot", first));
        github.acceptCommentEdits(REPO, 42, 9001);
        github.jobs(REPO, RUN, 2, failedJob(2001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 2001, Fixtures.log("linux-container-old-pip-system-site-errno13.log"));
        github.resetRequests();
        deliverAndWait("workflow_run-completed-failure-same-repo-attempt-2.json");

        // then the comment is edited in place
        assertThat(github.writes()).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("PATCH");
            assertThat(r.getUrl()).isEqualTo("/repos/octo-org/octo-repo/issues/comments/9001");
        });
        String second = postedBody(github.writes().get(0));
        assertThat(second).startsWith(MARKER).contains("(attempt 2)").isNotEqualTo(first);

        // when the same failure is delivered again, under a new delivery id
        github.comments(REPO, 42, new SimComment(9001, "pipfix[bot]", "Bot", second));
        github.resetRequests();
        HttpResponse<String> again = deliverAndWait("workflow_run-completed-failure-same-repo-attempt-2.json");

        // then it is a duplicate: no work, nothing written
        assertThat(again.body()).contains("\"duplicate\"");
        assertThat(github.apiCalls()).isEmpty();
    }

    @Test
    void a_passing_run_marks_the_earlier_comment_resolved_once() throws Exception {
        // given our comment from a failure of this workflow
        github.installationTokens(4242, "ghs_first");
        String failure = MARKER + "\n### pipfix: `pip install` failed for lack of permission\n\nThe `CI` workflow"
                + " failed in [run #6](https://github.com/octo-org/octo-repo/actions/runs/680634000).\n";
        pullRequestWithComments(42, new SimComment(9001, "pipfix[bot]", "Bot", failure));
        github.acceptCommentEdits(REPO, 42, 9001);

        // when the workflow passes on the pull request's head
        deliverAndWait("workflow_run-completed-success-same-repo.json");

        // then the comment says so, with the old report folded away
        assertThat(github.apiCalls())
                .doesNotContain(
                        "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/1/jobs?per_page=100&page=1");
        assertThat(github.writes()).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("PATCH");
            assertThat(r.getUrl()).isEqualTo("/repos/octo-org/octo-repo/issues/comments/9001");
        });
        String resolved = postedBody(github.writes().get(0));
        assertThat(resolved)
                .startsWith(MARKER + "\n### pipfix: resolved\n")
                .contains("The `CI` workflow passed in [run #7](https://github.com/octo-org/octo-repo/actions/runs/"
                        + "680634037) on this pull request's latest commit")
                .contains("<details><summary>What pipfix reported before</summary>")
                .contains("failed in [run #6]");

        // when a later run passes too
        github.comments(REPO, 42, new SimComment(9001, "pipfix[bot]", "Bot", resolved));
        github.resetRequests();
        deliverAndWait(run("workflow_run-completed-success-same-repo.json", RUN + 1));

        // then the resolved comment is left as it is: no write at all
        assertThat(github.apiCalls()).contains("GET /repos/octo-org/octo-repo/issues/42/comments?per_page=100");
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void a_passing_run_without_an_earlier_comment_writes_nothing() {
        github.installationTokens(4242, "ghs_first");
        pullRequestWithComments(42, new SimComment(7001, "octocat", "User", "LGTM"));

        deliverAndWait("workflow_run-completed-success-same-repo.json");

        assertThat(github.writes()).isEmpty();
    }

    @Test
    void someone_quoting_our_marker_does_not_make_their_comment_ours() throws Exception {
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        pullRequestWithComments(42, new SimComment(7002, "octocat", "User", MARKER + "\nquoting the bot"));

        deliverAndWait(SAME_REPO);

        assertThat(github.writes())
                .singleElement()
                .satisfies(r -> assertThat(r.getMethod().getName()).isEqualTo("POST"));
    }

    @Test
    void the_installation_token_is_cached_across_two_events() {
        github.installationTokens(4242, "ghs_first", "ghs_second");
        runsFailingWithoutPipError(RUN, RUN + 1);

        deliverAndWait(SAME_REPO);
        deliverAndWait(run(SAME_REPO, RUN + 1));

        assertThat(github.apiCalls())
                .filteredOn(call -> call.contains("access_tokens"))
                .hasSize(1);
        assertThat(github.apiRequests())
                .filteredOn(r -> r.getUrl().contains("/actions/"))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("token ghs_first"));
    }

    @Test
    void a_token_whose_expires_at_is_implausible_is_kept_for_the_documented_hour() {
        // given the token answer of GitHub's documentation, which expired in 2016
        github.installationTokenExpiringAt(4242, "ghs_16C7e42F292c6912E7710c838347Ae178B4a", "2016-07-11T22:14:10Z");
        runsFailingWithoutPipError(RUN, RUN + 1);

        deliverAndWait(SAME_REPO);
        deliverAndWait(run(SAME_REPO, RUN + 1));

        assertThat(github.apiCalls())
                .filteredOn(call -> call.contains("access_tokens"))
                .hasSize(1);
    }

    @Test
    void a_token_about_to_expire_is_renewed_before_use() {
        github.installationTokens(4242, "ghs_first");
        runsFailingWithoutPipError(RUN, RUN + 1, RUN + 2);
        deliverAndWait(SAME_REPO);

        // when the hour-long token has less than five minutes left
        clock.advance(Duration.ofMinutes(56));
        github.installationTokens(4242, "ghs_second");
        deliverAndWait(run(SAME_REPO, RUN + 1));
        deliverAndWait(run(SAME_REPO, RUN + 2));

        assertThat(github.apiCalls())
                .filteredOn(call -> call.contains("access_tokens"))
                .hasSize(2);
        List<LoggedRequest> jobLists = github.apiRequests().stream()
                .filter(r -> r.getUrl().contains("/attempts/1/jobs"))
                .toList();
        assertThat(jobLists)
                .extracting(r -> r.getHeader("Authorization"))
                .containsExactly("token ghs_first", "token ghs_second", "token ghs_second");
    }

    @Test
    void a_401_drops_the_token_fetches_a_new_one_and_retries_once() {
        // given GitHub revoked the first token early
        github.installationTokens(4242, "ghs_revoked", "ghs_fresh");
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("token ghs_revoked"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest\",\"status\":\"401\"}")));
        runsFailingWithoutPipError(RUN);

        deliverAndWait(SAME_REPO);

        assertThat(github.apiCalls())
                .containsExactly(
                        "POST /app/installations/4242/access_tokens",
                        "GET /repos/octo-org/octo-repo/contents/.github/pipfix.yml",
                        "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/1/jobs?per_page=100&page=1",
                        "POST /app/installations/4242/access_tokens",
                        "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/1/jobs?per_page=100&page=1",
                        "GET /repos/octo-org/octo-repo/actions/jobs/1001/logs");
        assertThat(github.apiRequests().get(5).getHeader("Authorization")).isEqualTo("token ghs_fresh");
    }

    @Test
    void a_401_after_the_retry_is_not_retried_again() {
        github.installationTokens(4242, "ghs_revoked");
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));

        deliverAndWait(SAME_REPO);

        assertThat(github.apiCalls()).filteredOn(call -> call.contains(JOBS)).hasSize(2);
        assertThat(github.writes()).isEmpty();
    }

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
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        pullRequestWithComments(42);

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

    /** Runs whose one failed job ran the tests and printed no pip error: read, and nothing to write. */
    private void runsFailingWithoutPipError(long... runs) {
        for (long run : runs) {
            github.jobs(REPO, run, 1, failedJob(1001, "test (3.12)", "Run tests", 4));
        }
        github.log(REPO, 1001, Fixtures.log("linux-pytest-failure-no-pip-error.log"));
    }

    /** The jobs list fails with each answer in turn, then answers with one failed job. */
    private void failThenAnswer(ResponseDefinitionBuilder... failures) {
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        // the simulator's answers to the jobs list (200, and 304 to a conditional request) give way to the faults
        var plain = github.api().getStubMappings().stream()
                .filter(m -> JOBS.equals(m.getRequest().getUrlPath()) && m.getScenarioName() == null)
                .toList();
        String jobs = plain.stream()
                .filter(m -> m.getResponse().getStatus() == 200)
                .findFirst()
                .orElseThrow()
                .getResponse()
                .getBody();
        plain.forEach(github.api()::removeStub);
        for (int i = 0; i < failures.length; i++) {
            github.stub(get(urlPathEqualTo(JOBS))
                    .inScenario("faults")
                    .whenScenarioStateIs(i == 0 ? "Started" : "fault-" + i)
                    .willSetStateTo("fault-" + (i + 1))
                    .willReturn(failures[i]));
        }
        github.stub(get(urlPathEqualTo(JOBS))
                .inScenario("faults")
                .whenScenarioStateIs("fault-" + failures.length)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(jobs)));
    }

    @Test
    void the_status_page_lists_each_delivery_with_what_came_of_it() throws Exception {
        // given a failed run that gets a comment, another delivery about the same run, and a run GitHub no longer has
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        pullRequestWithComments(42);
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
                .doesNotContain(SECRET)
                .doesNotContain("ghs_first");
    }

    @Test
    void metrics_count_deliveries_github_calls_comments_findings_and_the_queue() throws Exception {
        // given a run that gets a comment, and a delivery with a wrong signature
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        pullRequestWithComments(42);
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

    /** The value of the one sample of {@code name} that has all the labels. */
    private static double sample(String metrics, String name, String... labels) {
        List<String> lines = metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .toList();
        assertThat(lines)
                .as("%s %s in%n%s", name, java.util.Arrays.toString(labels), metrics)
                .hasSize(1);
        return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }

    @Test
    void a_repository_that_switched_pipfix_off_on_its_default_branch_has_no_log_read_and_nothing_written() {
        github.installationTokens(4242, "ghs_first");
        github.settingsFile(REPO, "# pipfix: not here\nenabled: false\n");
        runsFailingWithoutPipError(RUN);

        deliverAndWait(SAME_REPO);

        // the jobs list went out alongside the settings file, before they said no
        assertThat(github.apiCalls())
                .containsExactly(
                        "POST /app/installations/4242/access_tokens",
                        "GET /repos/octo-org/octo-repo/contents/.github/pipfix.yml",
                        "GET " + JOBS + "?per_page=100&page=1");
        assertThat(github.storageRequests()).isEmpty();
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void a_workflow_the_settings_do_not_watch_has_no_log_read() {
        github.installationTokens(4242, "ghs_first");
        github.settingsFile(REPO, "workflows:\n  - Release\n  - .github/workflows/docs.yml\n");
        runsFailingWithoutPipError(RUN);

        deliverAndWait(SAME_REPO);

        assertThat(github.apiCalls()).noneMatch(call -> call.contains("/logs"));
        assertThat(github.storageRequests()).isEmpty();
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void the_settings_venv_path_is_in_the_patch_and_a_wrong_line_is_named_in_the_comment() throws Exception {
        // given settings whose second line names a fix this version does not make
        github.installationTokens(4242, "ghs_first");
        github.settingsFile(REPO, "venv_path: build/venv\nfix: conda\n");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        pullRequestWithComments(42);

        deliverAndWait(SAME_REPO);

        String body = postedBody(github.writes().get(0));
        assertThat(body)
                .contains("+          python3 -m venv build/venv")
                .contains("+          echo \"$PWD/build/venv/bin\" >> \"$GITHUB_PATH\"")
                .contains("It creates `build/venv` and puts it first on `PATH`")
                .contains("**Settings:** `.github/pipfix.yml` on the default branch has a problem")
                .contains("- line 2: `fix` should be venv");
    }

    @Test
    void a_preferred_fix_that_cannot_mend_the_cause_gives_the_virtual_environment_and_says_why() throws Exception {
        // given a repository that prefers setup-python, and a run whose user site is not writable
        github.installationTokens(4242, "ghs_first");
        github.settingsFile(REPO, "fix: setup-python\n");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        pullRequestWithComments(42);

        deliverAndWait(SAME_REPO);

        assertThat(postedBody(github.writes().get(0)))
                .contains("+          python3 -m venv .venv")
                .contains("(`.github/pipfix.yml` asks for `fix: setup-python`, which does not fix this cause, so the"
                        + " fix here is a virtual environment.)");
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

    private HttpResponse<String> page(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> page(String path, String authorization) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                                .header("Authorization", authorization)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void dry_run_reads_everything_writes_nothing_and_shows_the_would_be_comment() throws Exception {
        server.close();
        startServer(true);
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        pullRequestWithComments(42);

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

    private void pullRequestWithComments(int number, SimComment... comments) {
        github.repository(REPO, 101);
        github.issue(REPO, number);
        github.comments(REPO, number, comments);
        github.acceptNewComments(REPO, number, 9001);
    }

    private HttpResponse<String> deliverAndWait(String payload) {
        return deliverAndWait(Fixtures.payload(payload));
    }

    private HttpResponse<String> deliverAndWait(byte[] payload) {
        HttpResponse<String> response = sender.deliver("workflow_run", payload);
        awaitIdle();
        return response;
    }

    /** The fixture payload as another run of the same workflow: a later run, not a redelivery of the same one. */
    private static byte[] run(String payload, long runId) {
        return Fixtures.text("payloads/" + payload)
                .replace(Long.toString(RUN), Long.toString(runId))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void awaitIdle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.runsInFlight() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run was still being processed after 20 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String postedBody(LoggedRequest request) throws Exception {
        return new ObjectMapper()
                .readTree(request.getBodyAsString())
                .path("body")
                .asText();
    }

    private void assertAppJwt(String authorization) throws Exception {
        assertThat(authorization).startsWith("Bearer ");
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        key.getModulus(),
                        BigInteger.valueOf(key.getPublicExponent().longValue())));
        Claims claims = Jwts.parser()
                .verifyWith(publicKey)
                .clock(() -> java.util.Date.from(clock.instant()))
                .build()
                .parseSignedClaims(authorization.substring("Bearer ".length()))
                .getPayload();
        assertThat(claims.getIssuer()).isEqualTo("123456");
    }
}
