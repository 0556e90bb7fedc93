package dev.pipfix.github;

/** What an upsert did to a pull request's (or a commit's) comment. */
public enum CommentOutcome {
    CREATED,
    EDITED,
    UNCHANGED,
    /** There was no comment of ours to edit. */
    ABSENT,
    DRY_RUN,
    /** A newer run of the workflow wrote the comment already; this older one leaves its text. */
    SUPERSEDED
}
