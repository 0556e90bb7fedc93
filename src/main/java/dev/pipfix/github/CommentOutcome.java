package dev.pipfix.github;

/** What an upsert did to a pull request's comment. */
public enum CommentOutcome {
    CREATED,
    EDITED,
    UNCHANGED,
    DRY_RUN
}
