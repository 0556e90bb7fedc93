package dev.pipfix.github;

/** What an upsert did to a pull request's comment. */
public enum CommentOutcome {
    CREATED,
    EDITED,
    UNCHANGED,
    /** There was no comment of ours to edit. */
    ABSENT,
    DRY_RUN
}
