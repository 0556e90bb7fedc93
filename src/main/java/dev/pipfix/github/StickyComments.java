package dev.pipfix.github;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One comment per marker per pull request: created the first time, edited in place later, left alone (no write at
 * all) when the text would not change. Every write to GitHub passes the one dry-run check here.
 */
public final class StickyComments {

    private static final Logger LOG = LoggerFactory.getLogger(StickyComments.class);

    private final boolean dryRun;
    private final WriteBudget budget;

    public StickyComments(boolean dryRun, WriteBudget budget) {
        this.dryRun = dryRun;
        this.budget = budget;
    }

    public CommentOutcome upsert(InstallationClient client, String repository, int number, String marker,
            String body) throws IOException {
        return write(client, repository, number, marker, previous -> body, true);
    }

    /**
     * Edits our comment when there is one, with its new text computed from the old; never creates one. A run that
     * passes edits the comment of an earlier failure to say it is resolved.
     */
    public CommentOutcome editIfPresent(InstallationClient client, String repository, int number, String marker,
            UnaryOperator<String> edit) throws IOException {
        return write(client, repository, number, marker, edit, false);
    }

    private CommentOutcome write(InstallationClient client, String repository, int number, String marker,
            UnaryOperator<String> edit, boolean create) throws IOException {
        try {
            GHIssue issue = client.gitHub().getRepository(repository).getIssue(number);
            GHIssueComment ours = null;
            for (GHIssueComment comment : issue.listComments().withPageSize(100)) {
                if (isOurs(comment, marker)) {
                    ours = comment;
                    break;
                }
            }
            if (ours == null && !create) {
                return CommentOutcome.ABSENT;
            }
            String body = edit.apply(ours == null ? null : ours.getBody());
            if (ours != null && body.equals(ours.getBody())) {
                return CommentOutcome.UNCHANGED;
            }
            if (dryRun) {
                LOG.info("DRY_RUN: would {} the comment on {}#{}:\n{}",
                        ours == null ? "create" : "edit", repository, number, body);
                return CommentOutcome.DRY_RUN;
            }
            budget.acquire(client.installationId());
            if (ours == null) {
                issue.comment(body);
                return CommentOutcome.CREATED;
            }
            ours.update(body);
            return CommentOutcome.EDITED;
        } catch (RuntimeException e) {
            throw InstallationClient.unwrap(e);
        }
    }

    /** Someone may quote our comment; only a bot's comment that carries the marker is ours to edit. */
    private static boolean isOurs(GHIssueComment comment, String marker) {
        String body = comment.getBody();
        String login = comment.getUserName();
        return body != null && body.startsWith(marker) && login != null && login.endsWith("[bot]");
    }
}
