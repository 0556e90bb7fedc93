package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One comment per marker per {@link CommentThread}: created the first time, edited in place later, left alone (no
 * write at all) when the text would not change. Every write passes the {@link WriteGate}; in a dry run this says
 * what it would have written instead of trying.
 *
 * <p>The calls go straight to the REST API: github-api reaches a pull request's comments only after loading the
 * repository and the issue, two calls a run does not need.
 */
public final class StickyComments {

    private static final Logger LOG = LoggerFactory.getLogger(StickyComments.class);
    private static final int MAX_PAGES = 10;

    private final OwnAccount own;

    /** @param own the account pipfix writes as: only its comments are pipfix's */
    public StickyComments(OwnAccount own) {
        this.own = own;
    }

    /** pipfix's suggestions on pull requests' diffs. */
    public SuggestionComments suggestions() {
        return new SuggestionComments(own);
    }

    /** What a write did, and the comment it concerns when there is one. */
    public record Written(CommentOutcome outcome, Optional<Long> commentId) {

        static Written of(CommentOutcome outcome, long commentId) {
            return new Written(outcome, Optional.of(commentId));
        }
    }

    /**
     * Creates our comment or edits it to {@code body}. A comment whose id is known is edited at once, without listing
     * the thread's comments; when it is gone, the comments are listed as for an unknown one.
     */
    public Written upsert(GitHubApi api, CommentThread thread, String marker, String body, Optional<Long> known)
            throws IOException {
        if (known.isPresent()) {
            Optional<Written> edited = editKnown(api, thread, known.get(), body);
            if (edited.isPresent()) {
                return edited.get();
            }
        }
        return write(api, thread, marker, previous -> body, true);
    }

    /**
     * Edits our comment when there is one, with its new text computed from the old; never creates one. A run that
     * passes edits the comment of an earlier failure to say it is resolved.
     */
    public Written editIfPresent(GitHubApi api, CommentThread thread, String marker, UnaryOperator<String> edit)
            throws IOException {
        return write(api, thread, marker, edit, false);
    }

    /** {@code PATCH} of a comment whose id the thread knows; empty when the comment is gone (404). */
    private Optional<Written> editKnown(GitHubApi api, CommentThread thread, long commentId, String body)
            throws IOException {
        if (api.writes().dryRun()) {
            LOG.info("DRY_RUN: would edit the comment {} on {}:\n{}", commentId, thread, body);
            return Optional.of(Written.of(CommentOutcome.DRY_RUN, commentId));
        }
        if (api.jsonUnlessMissing(thread.edit(commentId).json(Map.of("body", body)))
                .isEmpty()) {
            LOG.info("the comment {} on {} is gone; looking for ours again", commentId, thread);
            return Optional.empty();
        }
        return Optional.of(Written.of(CommentOutcome.EDITED, commentId));
    }

    private Written write(
            GitHubApi api, CommentThread thread, String marker, UnaryOperator<String> edit, boolean create)
            throws IOException {
        Optional<JsonNode> ours = find(api, thread, marker);
        Optional<Long> oursId = ours.map(comment -> comment.path("id").asLong());
        if (ours.isEmpty() && !create) {
            return new Written(CommentOutcome.ABSENT, Optional.empty());
        }
        Optional<String> previous = ours.map(comment -> comment.path("body").asText());
        String body = edit.apply(previous.orElse(null));
        if (previous.isPresent() && body.equals(previous.get())) {
            return new Written(CommentOutcome.UNCHANGED, oursId);
        }
        if (api.writes().dryRun()) {
            LOG.info("DRY_RUN: would {} the comment on {}:\n{}", ours.isEmpty() ? "create" : "edit", thread, body);
            return new Written(CommentOutcome.DRY_RUN, oursId);
        }
        Map<String, String> text = Map.of("body", body);
        if (oursId.isPresent()) {
            api.json(thread.edit(oursId.get()).json(text));
            return Written.of(CommentOutcome.EDITED, oursId.get());
        }
        JsonNode created = api.json(thread.create().json(text));
        return Written.of(CommentOutcome.CREATED, created.path("id").asLong());
    }

    /** One of our comments: its id and text. */
    public record Ours(long id, String body) {}

    /** Our latest comment in the thread whose text starts with {@code prefix} (any workflow's marker). */
    public Optional<Ours> latest(GitHubApi api, CommentThread thread, String prefix) throws IOException {
        Ours[] latest = new Ours[1];
        api.pages(thread.list(), MAX_PAGES, page -> {
            for (JsonNode comment : page) {
                if (isOurs(comment, prefix)) {
                    latest[0] = new Ours(
                            comment.path("id").asLong(), comment.path("body").asText());
                }
            }
            return true;
        });
        return Optional.ofNullable(latest[0]);
    }

    /** A new comment in the thread: pipfix's answer to a command. */
    public Written reply(GitHubApi api, CommentThread thread, String body) throws IOException {
        if (api.writes().dryRun()) {
            LOG.info("DRY_RUN: would answer on {}:\n{}", thread, body);
            return new Written(CommentOutcome.DRY_RUN, Optional.empty());
        }
        JsonNode created = api.json(thread.create().json(Map.of("body", body)));
        return Written.of(CommentOutcome.CREATED, created.path("id").asLong());
    }

    /** Our comment in the thread, following the {@code Link} header's pages. */
    private Optional<JsonNode> find(GitHubApi api, CommentThread thread, String marker) throws IOException {
        JsonNode[] ours = new JsonNode[1];
        api.pages(thread.list(), MAX_PAGES, page -> {
            for (JsonNode comment : page) {
                if (isOurs(comment, marker)) {
                    ours[0] = comment;
                    return false;
                }
            }
            return true;
        });
        return Optional.ofNullable(ours[0]);
    }

    /** Someone may quote our comment, another bot may repeat it: only our own account's comment is ours. */
    private boolean isOurs(JsonNode comment, String marker) throws IOException {
        return comment.path("body").asText("").startsWith(marker)
                && own.is(comment.path("user").path("login").asText(null));
    }
}
