package dev.pipfix.app;

import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a repository's {@code .github/pipfix.yml} on the default branch changes: off, the workflows watched, the
 * virtual environment's path, the preferred fix, comments on a commit.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class RepositorySettingsEndToEndTest extends EndToEndTest {

    @Test
    void a_repository_that_switched_pipfix_off_on_its_default_branch_has_no_log_read_and_nothing_written() {
        github.installationTokens(4242, "ghs_first");
        github.settingsFile(REPO, "# pipfix: not here\nenabled: false\n");
        runsFailingWithoutPipError(RUN);

        deliverAndWait(SAME_REPO);

        // the jobs list went out alongside the settings file, before they said no
        assertThat(github.apiCalls()).containsExactly(TOKEN_CALL, SETTINGS_CALL, JOBS_CALL);
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
        failingRun().stub();
        github.settingsFile(REPO, "venv_path: build/venv\nfix: conda\n");

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
        failingRun().stub();
        github.settingsFile(REPO, "fix: setup-python\n");

        deliverAndWait(SAME_REPO);

        assertThat(postedBody(github.writes().get(0)))
                .contains("+          python3 -m venv .venv")
                .contains("(`.github/pipfix.yml` asks for `fix: setup-python`, which does not fix this cause, so the"
                        + " fix here is a virtual environment.)");
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
}
