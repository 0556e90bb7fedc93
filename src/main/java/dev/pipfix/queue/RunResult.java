package dev.pipfix.queue;

import java.util.Optional;

/**
 * How a run's work ended, as the status page shows it.
 *
 * @param detail        one line of what was done (which pull requests, what finding)
 * @param dryRunComment the comment a dry run would have posted
 */
public record RunResult(RunOutcome outcome, String detail, Optional<String> dryRunComment) {

    public RunResult(RunOutcome outcome, String detail) {
        this(outcome, detail, Optional.empty());
    }

    /** The same, with the comment a dry run would have posted. */
    public RunResult withDryRunComment(String comment) {
        return new RunResult(outcome, detail, Optional.of(comment));
    }
}
