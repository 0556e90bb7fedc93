package dev.pipfix.queue;

import dev.pipfix.id.StableId;

/** How a run's work (or a command's) ended. The database, the logs and the metrics keep the {@link #id()}s, which never change. */
public enum RunOutcome implements StableId {
    /** The pull requests (or the commit) got their comment. */
    COMMENTED,
    /** A passing run marked the earlier comment resolved. */
    RESOLVED,
    /** The failed jobs' logs hold no pip permission error. */
    NO_FINDING,
    /** Nothing to comment on: no open pull request, and comments on commits not asked for. */
    NO_PULL_REQUEST,
    /** {@code .github/pipfix.yml} says {@code enabled: false}. */
    DISABLED,
    /** {@code .github/pipfix.yml} lists workflows, and not this one. */
    NOT_WATCHED,
    /** {@code /pipfix apply}: the fix was committed to the pull request's branch (or had been before). */
    FIX_COMMITTED,
    /** {@code /pipfix apply} was answered without a commit: who asked may not, the branch cannot take it, ... */
    COMMAND_ANSWERED,
    /** {@code /pipfix apply} from a bot: neither carried out nor answered. */
    COMMAND_IGNORED;
}
