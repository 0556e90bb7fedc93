package dev.pipfix.app;

import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.ReviewStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The usual failing run, on pull request #42, whose own diff added the failing step "Install dependencies" to
 * {@code .github/workflows/ci.yml} (new lines 12-18 in one hunk): pipfix puts its patch on those lines as a
 * suggestion, and its comment says how to apply it. A test states what differs.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2"})
class SuggestionEndToEndTest extends EndToEndTest {

    private static final String WORKFLOW = ".github/workflows/ci.yml";
    /** The hunk GitHub shows for the pull request's change: it added lines 14-16. */
    private static final String ADDED_THE_STEP = """
            @@ -12,4 +12,7 @@ jobs:
                 steps:
                   - uses: actions/checkout@v4
            +      # the project's own requirements
            +      - name: Install dependencies
            +        run: pip install -r requirements.txt
                   - name: Test
                     run: pytest -q""";

    @BeforeEach
    void pullRequestThatAddedTheStep() {
        failingRun().stub();
        github.commentsFromStore(REPO);
        github.pullRequest(REPO, 42, true, REPO, "add-yaml", HEAD_SHA, false);
        github.reviews()
                .pullRequest(
                        REPO,
                        42,
                        HEAD_SHA,
                        new ReviewStore.ChangedFile(WORKFLOW, Fixtures.text("e2e/ci.yml"), ADDED_THE_STEP));
    }

    @Test
    void a_pull_request_that_added_the_failing_step_gets_the_patch_as_a_suggestion_on_those_lines() throws Exception {
        // when
        deliverAndWait(SAME_REPO);

        // then one review comment, on the pull request's head, whose suggestion commits what the patch makes
        List<ReviewStore.Review> reviews = github.reviews().live(REPO, 42);
        assertThat(reviews).singleElement().satisfies(review -> {
            assertThat(review.commitId()).isEqualTo(HEAD_SHA);
            assertThat(review.path()).isEqualTo(WORKFLOW);
            assertThat(review.body()).startsWith("<!-- pipfix:suggestion workflow=7087581 -->");
        });
        String comment = github.comments().bodies(42).get(0);
        assertThat(commitSuggestion(Fixtures.text("e2e/ci.yml"), reviews.get(0)))
                .isEqualTo(gitApply(Fixtures.text("e2e/ci.yml"), diffOf(comment)));
        // and the comment links it, and offers no command the App could not carry out
        assertThat(comment)
                .contains("**Apply:** click **Commit suggestion** on [pipfix's suggestion](https://github.com/" + REPO
                        + "/pull/42#discussion_r" + reviews.get(0).id() + ") or `git apply` this patch");
    }

    @Test
    void a_later_run_on_the_same_head_leaves_the_suggestion_as_it_is() throws Exception {
        // given
        deliverAndWait(SAME_REPO);
        long later = RUN + 1;
        github.jobs(REPO, later, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));

        // when
        deliverAndWait(run(SAME_REPO, later));

        // then
        assertThat(github.reviews().reviews(REPO, 42)).hasSize(1);
    }

    @Test
    void a_moved_head_gets_a_new_suggestion_and_the_old_one_is_deleted() throws Exception {
        // given the suggestion for the first head, then a new commit that changed another line of the file
        deliverAndWait(SAME_REPO);
        String moved = "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2b";
        String text = Fixtures.text("e2e/ci.yml").replace("pytest -q", "pytest -q -x");
        long later = RUN + 1;
        github.jobs(REPO, later, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.file(REPO, WORKFLOW, moved, text);
        github.pullRequest(REPO, 42, true, REPO, "add-yaml", moved, false);
        github.reviews()
                .pullRequest(
                        REPO,
                        42,
                        moved,
                        new ReviewStore.ChangedFile(
                                WORKFLOW, text, ADDED_THE_STEP.replace("pytest -q", "pytest -q -x")));

        // when
        deliverAndWait(Fixtures.text("payloads/" + SAME_REPO)
                .replace(Long.toString(RUN), Long.toString(later))
                .replace(HEAD_SHA, moved)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        // then
        assertThat(github.reviews().reviews(REPO, 42)).hasSize(2);
        assertThat(github.reviews().live(REPO, 42))
                .singleElement()
                .satisfies(review -> assertThat(review.commitId()).isEqualTo(moved));
    }

    @Test
    void lines_outside_the_pull_requests_diff_get_no_suggestion() throws Exception {
        // given the pull request changed only the Test step
        github.reviews()
                .pullRequest(
                        REPO, 42, HEAD_SHA, new ReviewStore.ChangedFile(WORKFLOW, Fixtures.text("e2e/ci.yml"), """
                        @@ -16,3 +16,3 @@ jobs:
                                 run: pip install -r requirements.txt
                               - name: Test
                        -        run: pytest
                        +        run: pytest -q"""));

        // when
        deliverAndWait(SAME_REPO);

        // then no review comment was tried, and the comment offers git apply
        assertThat(github.apiCalls()).noneMatch(call -> call.startsWith("POST /repos/" + REPO + "/pulls/42/comments"));
        assertThat(github.comments().bodies(42).get(0)).contains("**Apply:** `git apply` this patch");
    }

    @Test
    void a_closed_pull_request_gets_no_suggestion() throws Exception {
        // given
        github.pullRequest(REPO, 42, false, REPO, "add-yaml", HEAD_SHA, false);

        // when
        deliverAndWait(SAME_REPO);

        // then
        assertThat(github.reviews().reviews(REPO, 42)).isEmpty();
    }

    @Test
    void an_app_allowed_to_commit_offers_the_command_too() throws Exception {
        // given the installation accepted what the setup page's "allow pipfix to commit" asks for
        github.installationGrants(
                4242,
                Map.of("actions", "read", "contents", "write", "workflows", "write", "pull_requests", "write"),
                "workflow_run",
                "issue_comment");

        // when
        deliverAndWait(SAME_REPO);

        // then
        assertThat(github.comments().bodies(42).get(0))
                .contains("[pipfix's suggestion](https://github.com/" + REPO + "/pull/42#discussion_r")
                .contains(", comment `/pipfix apply` to have pipfix commit it or `git apply` this patch");
    }

    /** What GitHub's "Commit suggestion" leaves: the selected lines replaced with the suggestion block's. */
    private static String commitSuggestion(String text, ReviewStore.Review review) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        String body = review.body();
        int start = body.indexOf("suggestion\n") + "suggestion\n".length();
        List<String> replacement =
                Arrays.asList(body.substring(start, body.lastIndexOf("\n```")).split("\n", -1));
        int first = review.startLine() == null ? review.line() : review.startLine();
        lines.subList(first - 1, review.line()).clear();
        lines.addAll(first - 1, replacement);
        return String.join("\n", lines);
    }
}
