package dev.pipfix.queue;

import java.util.List;
import java.util.Optional;

/**
 * How a run's work ended, as the status page and the Action's summary show it.
 *
 * @param detail        one line of what was done (which pull requests, what finding)
 * @param dryRunComment the comment a dry run would have posted
 * @param comment       the comment's text, posted or not, when the run had findings
 * @param commentUrls   where the comment is on GitHub, one per thread written (pull requests, or the commit)
 * @param findings      how many findings the failed jobs' logs gave
 */
public record RunResult(
        RunOutcome outcome,
        String detail,
        Optional<String> dryRunComment,
        Optional<String> comment,
        List<String> commentUrls,
        int findings) {

    public RunResult {
        commentUrls = List.copyOf(commentUrls);
    }

    public RunResult(RunOutcome outcome, String detail) {
        this(outcome, detail, Optional.empty(), Optional.empty(), List.of(), 0);
    }

    /** The same, with the comment a dry run would have posted. */
    public RunResult withDryRunComment(String comment) {
        return new RunResult(outcome, detail, Optional.of(comment), this.comment, commentUrls, findings);
    }

    /** The same, with the comment that was rendered and where it went. */
    public RunResult withComment(String text, List<String> urls, int findingCount) {
        return new RunResult(outcome, detail, dryRunComment, Optional.of(text), urls, findingCount);
    }

    /** The same, counting the findings of a run that got no comment. */
    public RunResult withFindings(int findingCount) {
        return new RunResult(outcome, detail, dryRunComment, comment, commentUrls, findingCount);
    }
}
