package dev.pipfix.apply;

import dev.pipfix.text.Markdown;
import java.util.Set;

/**
 * Whether pipfix commits its fix for a {@code /pipfix apply}, answers, or stays silent: who asked and what they may
 * do, the pull request, the repository's settings. Pure: values in, a decision out. A fork's branch is pushed to
 * only when its pull request lets maintainers edit it.
 */
public sealed interface ApplyDecision {

    /** The permissions that allow pushing: GitHub's {@code role_name}s of collaborators with write access or more. */
    Set<String> MAY_PUSH = Set.of("write", "maintain", "admin");

    /** The start of the answer to someone who may not push. */
    String MAY_NOT_PUSH = "Only people who may push to this repository can ask pipfix to commit";

    /** Commit to {@code branch} of {@code repository} (the pull request's head). */
    record Commit(String repository, String branch) implements ApplyDecision {}

    /** Do not commit; reply with {@code text} (Markdown, pipfix's own words). */
    record Answer(String text) implements ApplyDecision {}

    /** Do not commit and do not reply: {@code reason} goes to the log. */
    record Ignore(String reason) implements ApplyDecision {}

    /**
     * @param commenterType the comment author's account type ({@code User}, {@code Bot})
     * @param permission    the author's role on the repository ({@code admin}, {@code maintain}, {@code write},
     *                      {@code triage}, {@code read}, {@code none})
     */
    record Request(
            String commenter,
            String commenterType,
            String permission,
            boolean applyEnabled,
            boolean pullRequestOpen,
            String baseRepository,
            String headRepository,
            String headBranch,
            boolean maintainerCanModify,
            boolean headIsDefaultBranch,
            boolean headProtected) {}

    /** The answer to someone whose role does not let them push. */
    public static Answer mayNotPush(String permission) {
        return new Answer(MAY_NOT_PUSH + "; your role here is " + Markdown.codeSpan(permission)
                + ". The patch in pipfix's comment can be applied with `git apply` by anyone with a checkout of the"
                + " branch.");
    }

    static ApplyDecision decide(Request request) {
        if ("Bot".equalsIgnoreCase(request.commenterType())) {
            return new Ignore("the command came from a bot (" + request.commenter() + ")");
        }
        if (!request.applyEnabled()) {
            return new Answer("`/pipfix apply` is switched off for this repository (`apply: false` in"
                    + " `.github/pipfix.yml`): apply the patch in pipfix's comment with `git apply`.");
        }
        if (!MAY_PUSH.contains(request.permission())) {
            return mayNotPush(request.permission());
        }
        if (!request.pullRequestOpen()) {
            return new Answer("This pull request is closed: pipfix commits only to open pull requests.");
        }
        if (request.headRepository() == null) {
            return new Answer(
                    "The branch of this pull request is gone (its repository was deleted): nothing to" + " commit to.");
        }
        boolean fork = !request.headRepository().equalsIgnoreCase(request.baseRepository());
        if (fork && !request.maintainerCanModify()) {
            return new Answer("This pull request comes from the fork " + Markdown.codeSpan(request.headRepository())
                    + ", which does"
                    + " not allow edits by maintainers, so pipfix cannot push to it. Its author can tick \"Allow edits"
                    + " by maintainers\" and ask again, or apply the patch in pipfix's comment with `git apply`.");
        }
        if (request.headIsDefaultBranch() || request.headProtected()) {
            return new Answer("pipfix does not commit to "
                    + (request.headIsDefaultBranch() ? "the default branch " : "the protected branch ")
                    + Markdown.codeSpan(request.headBranch()) + " of " + Markdown.codeSpan(request.headRepository())
                    + ": a change there belongs in a pull request of its own, under its rules. The patch in pipfix's"
                    + " comment above applies with `git apply` from the repository root.");
        }
        return new Commit(request.headRepository(), request.headBranch());
    }
}
