package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.pipfix.testing.Await;
import dev.pipfix.testing.CommentStore;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.PackagedJar;
import dev.pipfix.testing.Ports;
import dev.pipfix.testing.WebhookSender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /pipfix apply} with a real crash: the packaged jar commits the fix, and is killed with SIGKILL while it
 * edits its comment to link the commit. Started again on the same embedded database, it takes the command up again,
 * finds its own commit by the trailer, and does not commit twice.
 */
class ApplyCrashIT {

    private static final String REPO = "octo-org/octo-repo";
    private static final String SECRET = "apply crash secret";
    private static final String WORKFLOW = ".github/workflows/ci.yml";
    private static final long RUN = 680634037;
    private static final String HEAD_SHA = "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a";

    @TempDir
    Path dir;

    @Test
    void a_sigkill_between_the_commit_and_the_comments_edit_leaves_one_commit() throws Exception {
        CommentStore comments = new CommentStore();
        try (GitHubSimulator github = new GitHubSimulator(Clock.systemUTC(), comments)) {
            // given a failed run that pipfix commented on, and a maintainer on a same-repository pull request
            github.installationTokens(4242, "ghs_crash");
            github.repository(REPO, 101);
            github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
            github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
            github.file(REPO, WORKFLOW, HEAD_SHA, Fixtures.text("e2e/ci.yml"));
            github.commentsFromStore(REPO);
            github.run(REPO, RUN, 1, "completed", "failure", HEAD_SHA, WORKFLOW);
            github.branch(REPO, "add-yaml", WORKFLOW, Fixtures.text("e2e/ci.yml"));
            github.pullRequest(REPO, 42, true, REPO, "add-yaml", HEAD_SHA, false);
            github.collaborator(REPO, "maintainer", "write");
            github.acceptReactions(REPO);
            github.commandComment(REPO, 1500000042L, "maintainer", "/pipfix apply");
            Files.writeString(dir.resolve("app.pem"), Fixtures.text("keys/app-pkcs1.pem"));
            int port = Ports.free();
            Process first = PackagedJar.startApp(dir, SECRET, port, github, "first.log");
            WebhookSender sender = new WebhookSender("http://127.0.0.1:" + port + "/webhook", SECRET);
            sender.deliver(
                    "workflow_run", "crash-run", Fixtures.payload("workflow_run-completed-failure-same-repo.json"));
            Await.until(Duration.ofSeconds(30), () -> comments.bodies(42).size() == 1);
            long sticky = comments.ids(42).get(0);
            // and GitHub hangs on the edit of pipfix's comment
            StubMapping hang = patch(urlPathEqualTo("/repos/" + REPO + "/issues/comments/" + sticky))
                    .atPriority(1)
                    .willReturn(aResponse().withFixedDelay(120_000).withStatus(502))
                    .build();
            github.api().addStubMapping(hang);

            // when the command is carried out up to the commit, and the process is killed there
            assertThat(sender.deliver(
                                    "issue_comment",
                                    "crash-command",
                                    Fixtures.payload("issue_comment-created-pipfix-apply.json"))
                            .statusCode())
                    .isEqualTo(202);
            Await.until(
                    Duration.ofSeconds(30), () -> github.branches().commits().size() == 1);
            Thread.sleep(500);
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            github.api().removeStubMapping(hang);

            // and started again on the same database
            Process second = PackagedJar.startApp(dir, SECRET, port, github, "second.log");
            try {
                // the dead process's execution is taken over after its heartbeats stop (about 40 s)
                Await.until(Duration.ofSeconds(150), () -> comments.bodies(42).size() >= 2);

                // then one commit, linked from pipfix's comment, and one answer
                assertThat(github.branches().commits()).hasSize(1);
                List<String> bodies = comments.bodies(42);
                assertThat(bodies.get(0)).contains("**Applied:** https://github.com/" + REPO + "/commit/");
                assertThat(bodies)
                        .as(Files.readString(dir.resolve("second.log")))
                        .hasSize(2);
                assertThat(bodies.get(1)).startsWith("@maintainer Committed the fix to `add-yaml`");
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
