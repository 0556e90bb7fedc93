package dev.pipfix.worker;

import dev.pipfix.apply.DiffHunks;
import dev.pipfix.apply.FixCommitMessage;
import dev.pipfix.apply.Suggestion;
import dev.pipfix.github.CommentOutcome;
import dev.pipfix.github.GitHubApi;
import dev.pipfix.github.GitHubApiException;
import dev.pipfix.github.PullRequests;
import dev.pipfix.github.SuggestionComments;
import dev.pipfix.queue.CompletedRun;
import dev.pipfix.report.CommentMarker;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.report.RunReport;
import dev.pipfix.workflow.WorkflowFix;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's patch on its pull request's diff, as a review comment with a {@code suggestion}, where GitHub takes one:
 * the pull request changed the workflow file, its head holds the text pipfix patched, one hunk shows every line the
 * suggestion selects, and the pull request is open. Anywhere else there is no suggestion, and no write.
 */
final class DiffSuggestion {

    private static final Logger LOG = LoggerFactory.getLogger(DiffSuggestion.class);

    private final SuggestionComments suggestions;
    private final PullRequests pullRequests;
    private final CommentRenderer renderer;

    DiffSuggestion(SuggestionComments suggestions, PullRequests pullRequests, CommentRenderer renderer) {
        this.suggestions = suggestions;
        this.pullRequests = pullRequests;
        this.renderer = renderer;
    }

    /**
     * The review comment's page, when the suggestion is on the diff (placed now or before). A refusal of any of its
     * calls (a token that may not read or review the pull request, lines GitHub will not take) means no suggestion;
     * the conversation comment carries the patch all the same.
     */
    Optional<String> place(
            GitHubApi api, CompletedRun run, int number, RunReport report, WorkflowFix fix, String original)
            throws IOException {
        try {
            return onTheDiff(api, run, number, report, fix, original);
        } catch (GitHubApiException e) {
            if (e.status() == 403 || e.status() == 404 || e.status() == 422) {
                LOG.warn(
                        "delivery={} repo={} pr={}: no suggestion on the diff: {}",
                        run.deliveryId(),
                        run.repository(),
                        number,
                        e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<String> onTheDiff(
            GitHubApi api, CompletedRun run, int number, RunReport report, WorkflowFix fix, String original)
            throws IOException {
        Optional<Suggestion> suggestion =
                fix.patched() == null ? Optional.empty() : Suggestion.between(fix.path(), original, fix.patched());
        if (suggestion.isEmpty()) {
            return Optional.empty();
        }
        Optional<SuggestionComments.PullFile> file = suggestions.changed(api, run.repository(), number, fix.path());
        if (file.isEmpty()
                || file.get().patch().isEmpty()
                || !file.get().holds(original)
                || !suggestion.get().shownIn(DiffHunks.parse(file.get().patch().get()))) {
            return Optional.empty();
        }
        PullRequests.PullRequest pr = pullRequests.get(api, run.repository(), number);
        if (!pr.open()) {
            return Optional.empty();
        }
        SuggestionComments.Placed placed = suggestions.place(
                api,
                run.repository(),
                number,
                pr.headSha(),
                suggestion.get(),
                CommentMarker.forSuggestion(run.workflowId()),
                renderer.suggestion(report, suggestion.get(), FixCommitMessage.summary(fix.strategy())));
        return placed.outcome() == CommentOutcome.DRY_RUN ? Optional.empty() : placed.htmlUrl();
    }
}
