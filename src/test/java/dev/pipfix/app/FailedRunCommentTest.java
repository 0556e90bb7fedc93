package dev.pipfix.app;

import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static dev.pipfix.testing.GitHubSimulator.passedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator.SimComment;
import dev.pipfix.testing.GitHubSimulator.SimJob;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failed run's comment on its pull request: created with the patch, edited by later runs, asked conditionally on a
 * repeat, resolved by a passing run, and nothing written when there is nothing to say.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class FailedRunCommentTest extends EndToEndTest {

    @Test
    void a_failed_run_of_a_same_repository_pull_request_gets_one_comment_with_a_patch() throws Exception {
        // given the usual failing run, with a job that passed beside it
        failingRun()
                .jobs(failedJob(1001, "test (3.12)", "Install dependencies", 3), passedJob(1002, "lint"))
                .stub();

        // when
        HttpResponse<String> response = deliverAndWait(SAME_REPO);

        // then: the installation token, and eight calls for the run (the log's storage hop aside), one of them as the
        // App (whether its installation takes /pipfix apply), one for the pull request's files (for a suggestion)
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(github.apiCalls())
                .containsExactly(
                        TOKEN_CALL,
                        SETTINGS_CALL,
                        JOBS_CALL,
                        LOG_CALL,
                        WORKFLOW_CALL,
                        "GET /app/installations/4242",
                        "GET /repos/octo-org/octo-repo/pulls/42/files?per_page=100",
                        "GET /repos/octo-org/octo-repo/issues/42/comments?per_page=100",
                        "POST /repos/octo-org/octo-repo/issues/42/comments");
        assertAppJwt(github.apiRequests().get(0).getHeader("Authorization"));
        assertAppJwt(github.apiRequests().get(5).getHeader("Authorization"));
        assertThat(github.apiRequests().subList(1, 9))
                .filteredOn(r -> !r.getUrl().startsWith("/app/"))
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
    void a_repeat_failure_asks_conditionally_and_edits_the_comment_it_knows_in_six_calls_two_of_them_304()
            throws Exception {
        // given a first failure that was commented on, with a settings file on the default branch, and its re-run
        failingRun().stub();
        github.settingsFile(REPO, "fix: venv\n");
        github.jobs(REPO, RUN, 2, failedJob(1003, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1003, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
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
                        SETTINGS_CALL,
                        "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/2/jobs?per_page=100&page=1",
                        "GET /repos/octo-org/octo-repo/actions/jobs/1003/logs",
                        WORKFLOW_CALL,
                        "GET /repos/octo-org/octo-repo/pulls/42/files?per_page=100",
                        "PATCH /repos/octo-org/octo-repo/issues/comments/9001");
        assertThat(github.apiRequests())
                .filteredOn(r -> r.getUrl().contains("/contents/"))
                .allSatisfy(r -> assertThat(r.getHeader("If-None-Match")).startsWith("W/\""));
        assertThat(github.notModified()).isEqualTo(2);
        assertThat(postedBody(github.writes().get(0))).contains("(attempt 2)").contains("```diff");
    }

    @Test
    void a_job_listed_without_its_steps_gets_the_step_and_the_patch_from_the_log_itself() throws Exception {
        // given GitHub lists the failed job with "steps": [], as it has for some runs since late October 2026
        failingRun().jobs(new SimJob(1001, "test (3.12)", "failure", List.of())).stub();

        // when
        deliverAndWait(SAME_REPO);

        // then the step is the one the log's header names, the patch is found by the script it echoed, and the link
        // goes to the job's log without a step anchor it cannot know
        String body = postedBody(github.writes().get(0));
        assertThat(body).contains("#### Job `test (3.12)`, step `Run pip install -r requirements.txt`");
        assertThat(body).contains("(https://github.com/octo-org/octo-repo/actions/runs/680634037/job/1001)");
        assertThat(body).doesNotContain("#step:");
        assertThat(body).contains("+      - name: Create a virtual environment");
    }

    @Test
    void a_workflow_file_that_cannot_be_read_still_gets_the_comment_with_the_step_to_add() throws Exception {
        failingRun().withoutWorkflowFile().stub();

        deliverAndWait(SAME_REPO);

        String body = postedBody(github.writes().get(0));
        assertThat(body)
                .contains("pipfix made no patch for this one: the workflow file could not be read at `" + HEAD_SHA
                        + "` (")
                .contains("python3 -m venv .venv")
                .doesNotContain("```diff");
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

        assertThat(github.apiCalls()).containsExactly(TOKEN_CALL, SETTINGS_CALL, JOBS_CALL, LOG_CALL);
    }

    @Test
    void a_second_failure_edits_the_first_comment_and_a_redelivery_of_it_writes_nothing() throws Exception {
        // given a first failure that created our comment
        failingRun().withoutWorkflowFile().stub();
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
        assertThat(github.apiCalls()).doesNotContain(JOBS_CALL);
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
        failingRun()
                .withoutWorkflowFile()
                .comments(new SimComment(7002, "octocat", "User", MARKER + "\nquoting the bot"))
                .stub();

        deliverAndWait(SAME_REPO);

        assertThat(github.writes())
                .singleElement()
                .satisfies(r -> assertThat(r.getMethod().getName()).isEqualTo("POST"));
    }
}
