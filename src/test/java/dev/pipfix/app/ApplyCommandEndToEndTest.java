package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipfix.apply.FixCommitMessage;
import dev.pipfix.testing.BranchStore;
import dev.pipfix.testing.Fixtures;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /pipfix apply} on pull request #42, whose run 680634037 pipfix has commented on (the usual failing run): the
 * {@code issue_comment} delivery from GitHub's own example, a maintainer with write access, the pull request's
 * branch {@code add-yaml} in the same repository holding the workflow file as the run had it. A test states what
 * differs.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class ApplyCommandEndToEndTest extends EndToEndTest {

    private static final String BRANCH = "add-yaml";
    private static final String WORKFLOW = ".github/workflows/ci.yml";
    private static final String COMMAND = "issue_comment-created-pipfix-apply.json";

    @BeforeEach
    void commentedRun() {
        failingRun().stub();
        github.commentsFromStore(REPO);
        github.run(REPO, RUN, 1, "completed", "failure", HEAD_SHA, WORKFLOW);
        github.branch(REPO, BRANCH, WORKFLOW, Fixtures.text("e2e/ci.yml"));
        github.pullRequest(REPO, 42, true, REPO, BRANCH, HEAD_SHA, false);
        github.collaborator(REPO, "maintainer", "write");
        github.acceptReactions(REPO);
        github.commandComment(REPO, 1500000042L, "maintainer", "/pipfix apply");
        github.commandComment(REPO, 1500000043L, "maintainer", "/pipfix apply");
        deliverAndWait(SAME_REPO);
        github.resetRequests();
    }

    @Test
    void a_maintainers_command_commits_exactly_the_patch_of_pipfixs_comment() throws Exception {
        // when
        HttpResponse<String> response = command(c -> {});

        // then: one commit, whose file is the comment's diff applied with git
        assertThat(response.statusCode()).isEqualTo(202);
        List<BranchStore.Commit> commits = github.branches().commits();
        assertThat(commits).singleElement().satisfies(commit -> {
            assertThat(commit.path()).isEqualTo(WORKFLOW);
            assertThat(commit.message()).contains("Pipfix-Fix: " + REPO + " run " + RUN + " attempt 1");
        });
        String comment = stickyComment();
        assertThat(gitApply(Fixtures.text("e2e/ci.yml"), diffOf(comment)))
                .isEqualTo(commits.get(0).text());
        assertThat(comment)
                .contains("**Applied:** https://github.com/" + REPO + "/commit/"
                        + commits.get(0).sha());
        assertThat(answer()).startsWith("@maintainer Committed the fix to `add-yaml`");
        assertThat(github.apiCalls())
                .contains("POST /repos/" + REPO + "/issues/comments/1500000042/reactions")
                .contains("GET /repos/" + REPO + "/collaborators/maintainer/permission");
    }

    @Test
    void a_second_command_says_the_fix_is_there_already() throws Exception {
        // given
        command(c -> {});

        // when
        command(c -> c.put("id", 1500000043L));

        // then
        assertThat(github.branches().commits()).hasSize(1);
        assertThat(answer()).contains("The fix is on the branch already");
    }

    @Test
    void a_failure_after_the_commit_is_retried_without_committing_again() throws Exception {
        // given GitHub fails the first edit of pipfix's comment, after the commit was made
        long sticky = store().ids(42).get(0);
        github.stub(com.github.tomakehurst.wiremock.client.WireMock.patch(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                                "/repos/" + REPO + "/issues/comments/" + sticky))
                .atPriority(1)
                .inScenario("edit fails once")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("failed")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(502)
                        .withBody("Bad Gateway")));

        // when
        command(c -> {});

        // then the retried task found its own commit
        assertThat(github.branches().commits()).hasSize(1);
        assertThat(stickyComment()).contains("**Applied:**");
        assertThat(answer()).startsWith("@maintainer Committed the fix to `add-yaml`");
    }

    @Test
    void a_reader_gets_a_polite_answer_and_no_commit() throws Exception {
        // given
        github.collaborator(REPO, "maintainer", "read");

        // when
        command(c -> {});

        // then: asked who it is first, and wrote nothing but the answer (no reaction, no reads of the run)
        assertThat(github.branches().commits()).isEmpty();
        assertThat(answer())
                .contains("Only people who may push to this repository")
                .contains("`read`");
        assertThat(github.writes())
                .extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("POST /repos/" + REPO + "/issues/42/comments");
        assertThat(github.apiCalls()).noneMatch(call -> call.contains("/actions/") || call.contains("/contents/"));
    }

    @Test
    void a_dry_run_commits_nothing_and_writes_nothing_by_any_method() throws Exception {
        // given pipfix runs dry
        server.close();
        startServer(true);
        github.resetRequests();

        // when a maintainer asks
        command(c -> {});

        // then it read what it needed, and sent no POST, PATCH, PUT or DELETE at all
        assertThat(github.branches().commits()).isEmpty();
        assertThat(github.writes()).isEmpty();
        assertThat(github.apiCalls())
                .contains("GET /repos/" + REPO + "/collaborators/maintainer/permission")
                .noneMatch(call -> call.contains("/reactions"));
    }

    @Test
    void a_readers_second_command_is_not_answered_again() throws Exception {
        // given a reader who was answered once
        github.collaborator(REPO, "maintainer", "read");
        command(c -> {});
        int answers = store().bodies(42).size();

        // when
        command(c -> c.put("id", 1500000043L));

        // then
        assertThat(store().bodies(42)).hasSize(answers);
        assertThat(github.branches().commits()).isEmpty();
    }

    @Test
    void a_bots_command_is_neither_carried_out_nor_answered() throws Exception {
        // when
        command(c -> ((ObjectNode) c.get("user")).put("type", "Bot").put("login", "renovate[bot]"));

        // then
        assertThat(github.branches().commits()).isEmpty();
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void a_closed_pull_request_gets_an_answer_and_no_commit() throws Exception {
        // given
        github.pullRequest(REPO, 42, false, REPO, BRANCH, HEAD_SHA, false);

        // when
        command(c -> {});

        // then
        assertThat(github.branches().commits()).isEmpty();
        assertThat(answer()).contains("This pull request is closed");
    }

    @Test
    void a_fork_without_maintainer_edits_gets_how_to_apply_by_hand() throws Exception {
        // given
        github.pullRequest(REPO, 42, true, "contributor/octo-repo", BRANCH, HEAD_SHA, false);

        // when
        command(c -> {});

        // then
        assertThat(github.branches().commits()).isEmpty();
        assertThat(answer()).contains("fork `contributor/octo-repo`").contains("git apply");
    }

    @Test
    void a_branch_that_already_has_the_fix_gets_nothing_to_commit() throws Exception {
        // given someone applied the patch by hand
        String patched = gitApply(Fixtures.text("e2e/ci.yml"), diffOf(stickyComment()));
        github.branch(REPO, BRANCH, WORKFLOW, patched);

        // when
        command(c -> {});

        // then
        assertThat(github.branches().commits()).isEmpty();
        assertThat(answer()).contains("Nothing to commit").contains("already creates a virtual environment");
    }

    @Test
    void an_edited_comment_is_not_a_command() throws Exception {
        // when
        HttpResponse<String> response =
                sender.deliver("issue_comment", payload(root -> root.put("action", "edited"), c -> {}));
        awaitIdle();

        // then
        assertThat(response.body()).contains("only new comments are commands");
        assertThat(github.apiCalls()).isEmpty();
    }

    @Test
    void a_commit_with_pipfixs_trailer_that_pipfix_did_not_make_is_not_taken_for_the_fix() throws Exception {
        // given the pull request's author pushed a commit whose message carries the trailer pipfix would write
        String key = FixCommitMessage.key(REPO, RUN, 1, WORKFLOW, "test");
        github.branches()
                .pushed(
                        REPO,
                        BRANCH,
                        WORKFLOW,
                        Fixtures.text("e2e/ci.yml"),
                        "looks like the fix\n\n" + FixCommitMessage.TRAILER + ": " + key + "\n",
                        "pipfix[bot]");

        // when
        command(c -> {});

        // then pipfix made and linked its own commit
        List<BranchStore.Commit> commits = github.branches().commits();
        assertThat(commits).hasSize(2);
        assertThat(commits.get(1).author()).isEqualTo("pipfix[bot]");
        assertThat(commits.get(1).verified()).isTrue();
        assertThat(commits.get(1).message())
                .as("the pushed commit carried the real trailer")
                .contains(key);
        assertThat(answer())
                .startsWith("@maintainer Committed the fix to `add-yaml`")
                .contains(commits.get(1).sha());
    }

    @Test
    void another_bots_comment_that_starts_with_pipfixs_marker_does_not_choose_the_run() throws Exception {
        // given a bot repeats pipfix's marker on the pull request, naming another run
        String ours = stickyComment();
        store().postedBy(REPO, 42, "echo-bot[bot]", ours.replace("/actions/runs/" + RUN + ")", "/actions/runs/999)"));

        // when
        command(c -> {});

        // then the fix is that of pipfix's own comment's run
        assertThat(github.apiCalls()).noneMatch(call -> call.contains("/actions/runs/999"));
        assertThat(github.branches().commits()).hasSize(1);
        assertThat(answer()).startsWith("@maintainer Committed the fix");
    }

    @Test
    void a_command_to_commit_to_a_protected_branch_is_answered_not_carried_out() throws Exception {
        // given
        github.protectedBranch(REPO, BRANCH);

        // when
        command(c -> {});

        // then
        assertThat(github.branches().commits()).isEmpty();
        assertThat(answer()).contains("does not commit to the protected branch `add-yaml`");
    }

    @Test
    void a_replayed_delivery_of_an_old_command_is_not_carried_out_again() throws Exception {
        // given the command's comment was written 40 days ago (a captured delivery, sent again after pipfix has
        // forgotten its id)
        github.commandComment(
                REPO,
                1500000042L,
                "maintainer",
                "/pipfix apply",
                java.time.Instant.now().minus(java.time.Duration.ofDays(40)));

        // when
        command(c -> {});

        // then nothing is done and nothing said
        assertThat(github.branches().commits()).isEmpty();
        assertThat(store().bodies(42)).hasSize(1);
    }

    @Test
    void a_command_edited_or_deleted_since_its_delivery_is_not_carried_out() throws Exception {
        // given the comment now says something else
        github.commandComment(REPO, 1500000042L, "maintainer", "never mind");

        // when
        command(c -> {});

        // then
        assertThat(github.branches().commits()).isEmpty();
        assertThat(store().bodies(42)).hasSize(1);
    }

    /** The command comment, changed by {@code comment}, delivered signed; waits until it is carried out. */
    private HttpResponse<String> command(Consumer<ObjectNode> comment) throws Exception {
        HttpResponse<String> response = sender.deliver("issue_comment", payload(root -> {}, comment));
        awaitIdle();
        return response;
    }

    private static byte[] payload(Consumer<ObjectNode> root, Consumer<ObjectNode> comment) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode event = (ObjectNode) json.readTree(Fixtures.payload(COMMAND));
            root.accept(event);
            comment.accept((ObjectNode) event.get("comment"));
            return json.writeValueAsBytes(event);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String stickyComment() {
        return store().bodies(42).get(0);
    }

    /** pipfix's latest answer on the pull request. */
    private String answer() {
        List<String> bodies = store().bodies(42);
        assertThat(bodies).hasSizeGreaterThan(1);
        return bodies.get(bodies.size() - 1);
    }

    private dev.pipfix.testing.CommentStore store() {
        return github.comments();
    }
}
