package dev.pipfix.app;

import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.testing.CommentStore;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.TestApps;
import dev.pipfix.testing.TestDatabases;
import dev.pipfix.testing.WebhookSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A workflow that runs on push and on pull_request fails twice for each commit of a pull request, within seconds:
 * several failed runs of one workflow on one pull request, handled at once by several workers (and instances), get
 * one comment between them, with the newest run's text.
 */
class OneCommentPerThreadTest {

    private static final String REPO = "octo-org/octo-repo";
    private static final String SECRET = "one comment secret";
    private static final String HEAD_SHA = "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a";
    private static final int RUNS = 6;

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}, {1} instance(s)")
    @CsvSource({"h2, 1", "postgresql, 2"})
    void failed_runs_of_one_workflow_on_one_pull_request_delivered_together_get_one_comment(
            String database, int instances) throws Exception {
        String databaseUrl = TestDatabases.url(database);
        CommentStore comments = new CommentStore();
        List<PipfixServer> servers = new ArrayList<>();
        try (GitHubSimulator github = scenario(comments)) {
            github.api().setGlobalFixedDelay(150);
            // given GitHub answering each call in 150 ms, and no comment on the pull request yet
            for (int i = 0; i < instances; i++) {
                servers.add(server(github, databaseUrl));
            }

            // when six failed runs of the workflow on pull request #42 arrive together
            ExecutorService senders = Executors.newFixedThreadPool(RUNS);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 1; i <= RUNS; i++) {
                long runId = 680_634_100L + i;
                WebhookSender sender = new WebhookSender(
                        "http://127.0.0.1:" + servers.get(i % instances).port() + "/webhook", SECRET);
                answers.add(senders.submit(
                        () -> sender.deliver("workflow_run", payload(runId)).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(202);
            }
            senders.shutdown();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (servers.get(0).runsInFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            // then the pull request has one comment, and it shows the newest run
            assertThat(servers.get(0).runsInFlight()).isZero();
            assertThat(comments.posts()).isEqualTo(1);
            assertThat(comments.bodies(42))
                    .singleElement()
                    .satisfies(body -> assertThat(body).contains("/actions/runs/" + (680_634_100L + RUNS)));
        } finally {
            servers.forEach(PipfixServer::close);
            TestDatabases.drop(databaseUrl);
        }
    }

    @org.junit.jupiter.api.Test
    void a_later_run_and_a_re_run_edit_the_comment_by_its_id_without_listing_the_comments() throws Exception {
        CommentStore comments = new CommentStore();
        try (GitHubSimulator github = scenario(comments);
                PipfixServer server = server(github, null)) {
            // given pipfix commented on #42 for a failed run
            deliverAndWait(server, 680_634_101L);
            assertThat(comments.posts()).isEqualTo(1);

            // when the next run fails the same way, and then a re-run of it
            github.resetRequests();
            deliverAndWait(server, 680_634_102L);
            List<String> edit = commentCalls(github);
            github.resetRequests();
            deliverAndWait(server, 680_634_102L, 2);
            List<String> rerun = commentCalls(github);

            // then the comment is edited by its id each time, without looking the pull request or its comments up
            assertThat(edit).containsExactly("PATCH /repos/octo-org/octo-repo/issues/comments/9001");
            assertThat(rerun).containsExactly("PATCH /repos/octo-org/octo-repo/issues/comments/9001");
            assertThat(comments.posts()).isEqualTo(1);
            assertThat(comments.edits()).isEqualTo(2);
            assertThat(comments.bodies(42))
                    .singleElement()
                    .satisfies(body -> assertThat(body).contains("/actions/runs/680634102"));
        }
    }

    @org.junit.jupiter.api.Test
    void a_comment_someone_deleted_is_made_again_and_an_older_run_finishing_late_leaves_the_newer_text()
            throws Exception {
        CommentStore comments = new CommentStore();
        try (GitHubSimulator github = scenario(comments);
                PipfixServer server = server(github, null)) {
            // given pipfix commented for run 103, and someone deleted the comment
            deliverAndWait(server, 680_634_103L);
            comments.delete(9001);

            // when the next run fails, and then an older run finishes late
            deliverAndWait(server, 680_634_104L);
            github.resetRequests();
            deliverAndWait(server, 680_634_102L);

            // then a new comment holds the newer run, and the older one wrote nothing
            assertThat(comments.bodies(42))
                    .singleElement()
                    .satisfies(body -> assertThat(body).contains("/actions/runs/680634104"));
            assertThat(commentCalls(github)).isEmpty();
        }
    }

    /** GitHub's side of every test here: a failed job with pip's error, the workflow file, comments remembered. */
    private static GitHubSimulator scenario(CommentStore comments) {
        GitHubSimulator github = new GitHubSimulator(Clock.systemUTC(), comments);
        github.installationTokensForAny("ghs_together");
        github.repository(REPO, 101);
        github.jobsForAnyRun(REPO, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
        github.commentsFromStore(REPO);
        return github;
    }

    private static void deliverAndWait(PipfixServer server, long runId) throws Exception {
        deliverAndWait(server, runId, 1);
    }

    private static void deliverAndWait(PipfixServer server, long runId, int attempt) throws Exception {
        byte[] payload = new String(payload(runId), StandardCharsets.UTF_8)
                .replace("\"run_attempt\": 1", "\"run_attempt\": " + attempt)
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new WebhookSender("http://127.0.0.1:" + server.port() + "/webhook", SECRET)
                        .deliver("workflow_run", payload)
                        .statusCode())
                .isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.runsInFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.runsInFlight()).isZero();
    }

    /** The calls about the pull request and its comments. */
    private static List<String> commentCalls(GitHubSimulator github) {
        return github.apiCalls().stream()
                .filter(call -> call.contains("/issues/"))
                .toList();
    }

    /** Run {@code runId} of the one workflow, on pull request #42 at the same commit. */
    private static byte[] payload(long runId) {
        return Fixtures.text("payloads/workflow_run-completed-failure-same-repo.json")
                .replace("680634037", Long.toString(runId))
                .getBytes(StandardCharsets.UTF_8);
    }

    private PipfixServer server(GitHubSimulator github, String databaseUrl) throws Exception {
        Config config = TestApps.registered(github, SECRET, dataDir)
                .databaseUrl(databaseUrl)
                .build();
        PipfixServer.Options options = new PipfixServer.Options(
                new DurableRunQueue.Settings(
                        4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10), null),
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                5);
        return new PipfixServer(config, Clock.systemUTC(), options).start();
    }
}
