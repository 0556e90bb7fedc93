package dev.pipfix.queue;

/**
 * How a run's work ended, as the status page shows it.
 *
 * @param outcome a short word: commented, resolved, no-finding, no-pull-request
 * @param detail  one line of what was done (which pull requests, what finding)
 * @param dryRunComment the comment a dry run would have posted; null otherwise
 */
public record RunResult(String outcome, String detail, String dryRunComment) {

    public RunResult(String outcome, String detail) {
        this(outcome, detail, null);
    }
}
