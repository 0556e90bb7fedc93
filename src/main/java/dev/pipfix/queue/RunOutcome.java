package dev.pipfix.queue;

/** How a run's work ended. The database, the logs and the metrics keep the {@link #id()}s, which never change. */
public enum RunOutcome {
    /** The pull requests (or the commit) got their comment. */
    COMMENTED("commented"),
    /** A passing run marked the earlier comment resolved. */
    RESOLVED("resolved"),
    /** The failed jobs' logs hold no pip permission error. */
    NO_FINDING("no-finding"),
    /** Nothing to comment on: no open pull request, and comments on commits not asked for. */
    NO_PULL_REQUEST("no-pull-request"),
    /** {@code .github/pipfix.yml} says {@code enabled: false}. */
    DISABLED("disabled"),
    /** {@code .github/pipfix.yml} lists workflows, and not this one. */
    NOT_WATCHED("not-watched");

    private final String id;

    RunOutcome(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
