package dev.pipfix.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplyDecisionTest {

    private static final String REPO = "octo-org/octo-repo";

    @ParameterizedTest(name = "{0} may ask")
    @ValueSource(strings = {"write", "maintain", "admin"})
    void people_who_may_push_get_the_commit_on_the_head_branch(String role) {
        assertThat(ApplyDecision.decide(request(role, true, REPO, false)))
                .isEqualTo(new ApplyDecision.Commit(REPO, "add-yaml"));
    }

    @ParameterizedTest(name = "{0} may not")
    @ValueSource(strings = {"triage", "read", "none"})
    void others_are_answered_without_a_commit(String role) {
        assertThat(ApplyDecision.decide(request(role, true, REPO, false)))
                .isInstanceOfSatisfying(
                        ApplyDecision.Answer.class, a -> assertThat(a.text()).contains(role));
    }

    @Test
    void a_fork_is_pushed_to_only_when_it_lets_maintainers_edit() {
        assertThat(ApplyDecision.decide(request("write", true, "contributor/octo-repo", false)))
                .isInstanceOf(ApplyDecision.Answer.class);
        assertThat(ApplyDecision.decide(request("write", true, "contributor/octo-repo", true)))
                .isEqualTo(new ApplyDecision.Commit("contributor/octo-repo", "add-yaml"));
    }

    @Test
    void a_bot_is_ignored_and_a_closed_pull_request_or_switched_off_command_answered() {
        assertThat(ApplyDecision.decide(new ApplyDecision.Request(
                        "renovate[bot]", "Bot", "write", true, true, REPO, REPO, "add-yaml", false, false, false)))
                .isInstanceOf(ApplyDecision.Ignore.class);
        assertThat(ApplyDecision.decide(request("admin", false, REPO, false)))
                .isInstanceOfSatisfying(
                        ApplyDecision.Answer.class, a -> assertThat(a.text()).contains("closed"));
        assertThat(ApplyDecision.decide(new ApplyDecision.Request(
                        "maintainer", "User", "admin", false, true, REPO, REPO, "add-yaml", false, false, false)))
                .isInstanceOfSatisfying(
                        ApplyDecision.Answer.class, a -> assertThat(a.text()).contains("apply: false"));
    }

    @Test
    void the_command_is_the_first_line_exactly() {
        assertThat(ApplyCommand.isCommand("/pipfix apply")).isTrue();
        assertThat(ApplyCommand.isCommand("  /pipfix apply  \nthanks!")).isTrue();
        assertThat(ApplyCommand.isCommand("Please /pipfix apply")).isFalse();
        assertThat(ApplyCommand.isCommand("> /pipfix apply\nquoted")).isFalse();
        assertThat(ApplyCommand.isCommand("/pipfix applyx")).isFalse();
        assertThat(ApplyCommand.isCommand(null)).isFalse();
    }

    @Test
    void a_fix_commit_carries_the_trailers_it_is_found_by() {
        String key = FixCommitMessage.key(REPO, 680634037, 1, ".github/workflows/ci.yml", "test (3.12)");
        String message = "ci: install into a virtual environment\n\nwhy\n\n" + FixCommitMessage.TRAILER + ": " + key
                + "\n" + FixCommitMessage.REQUESTED + ": https://github.com/o/r/pull/42#issuecomment-1\n";

        assertThat(FixCommitMessage.keyOf(message)).hasValue(key);
        assertThat(FixCommitMessage.requestedIn(message, "https://github.com/o/r/pull/42#issuecomment-1"))
                .isTrue();
        assertThat(FixCommitMessage.requestedIn(message, "https://github.com/o/r/pull/42#issuecomment-2"))
                .isFalse();
        assertThat(FixCommitMessage.keyOf("fix typo")).isEmpty();
    }

    private static ApplyDecision.Request request(String role, boolean open, String head, boolean maintainerEdits) {
        return new ApplyDecision.Request(
                "maintainer", "User", role, true, open, REPO, head, "add-yaml", maintainerEdits, false, false);
    }

    @Test
    void the_default_branch_and_a_protected_branch_are_never_committed_to() {
        // given a pull request from main to a release branch, and one from a protected branch
        ApplyDecision.Request fromDefault = new ApplyDecision.Request(
                "maintainer", "User", "admin", true, true, REPO, REPO, "main", false, true, false);
        ApplyDecision.Request fromProtected = new ApplyDecision.Request(
                "maintainer", "User", "admin", true, true, REPO, REPO, "release/2.x", false, false, true);

        // then each is an answer saying why, pointing to the patch
        assertThat(ApplyDecision.decide(fromDefault))
                .isInstanceOfSatisfying(
                        ApplyDecision.Answer.class,
                        a -> assertThat(a.text())
                                .contains("does not commit to the default branch `main`")
                                .contains("`git apply`"));
        assertThat(ApplyDecision.decide(fromProtected))
                .isInstanceOfSatisfying(
                        ApplyDecision.Answer.class,
                        a -> assertThat(a.text()).contains("does not commit to the protected branch `release/2.x`"));
    }
}
