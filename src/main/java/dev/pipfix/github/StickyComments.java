package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One comment per marker per pull request (or commit): created the first time, edited in place later, left alone
 * (no write at all) when the text would not change. Every write to GitHub passes the one dry-run check here.
 *
 * <p>The two kinds of thread differ only in their URLs ({@link Thread}). The calls go straight to the REST API over
 * the installation's client: github-api reaches a pull request's comments only after loading the repository and the
 * issue, two calls a run does not need.
 */
public final class StickyComments {

    private static final Logger LOG = LoggerFactory.getLogger(StickyComments.class);
    private static final int MAX_PAGES = 10;

    private final boolean dryRun;
    private final WriteBudget budget;

    public StickyComments(boolean dryRun, WriteBudget budget) {
        this.dryRun = dryRun;
        this.budget = budget;
    }

    /** What a write did, and the comment it concerns when there is one. */
    public record Written(CommentOutcome outcome, Optional<Long> commentId) {

        static Written of(CommentOutcome outcome, long commentId) {
            return new Written(outcome, Optional.of(commentId));
        }
    }

    /**
     * Where a thread's comments are listed, created and edited, and what it is called in logs and errors.
     *
     * @param comments the list's and the create's URL path
     * @param comment  the path an edit goes to, before the comment's id
     */
    record Thread(String name, String comments, String comment, String template) {

        static Thread pullRequest(String repository, int number) {
            return new Thread(
                    repository + "#" + number,
                    "/repos/" + repository + "/issues/" + number + "/comments",
                    "/repos/" + repository + "/issues/comments/",
                    "/repos/{repo}/issues");
        }

        static Thread commit(String repository, String sha) {
            return new Thread(
                    repository + "@" + sha,
                    "/repos/" + repository + "/commits/" + sha + "/comments",
                    "/repos/" + repository + "/comments/",
                    "/repos/{repo}/commits");
        }
    }

    /**
     * Creates our comment or edits it to {@code body}. A comment whose id is known is edited at once, without listing
     * the pull request's comments; when it is gone, the comments are listed as for an unknown one.
     */
    public Written upsert(
            InstallationClient client, String repository, int number, String marker, String body, Optional<Long> known)
            throws IOException {
        Thread thread = Thread.pullRequest(repository, number);
        if (known.isPresent()) {
            Optional<Written> edited = editKnown(client, thread, known.get(), body);
            if (edited.isPresent()) {
                return edited.get();
            }
        }
        return write(client, thread, marker, previous -> body, true);
    }

    /**
     * Edits our comment when there is one, with its new text computed from the old; never creates one. A run that
     * passes edits the comment of an earlier failure to say it is resolved.
     */
    public Written editIfPresent(
            InstallationClient client, String repository, int number, String marker, UnaryOperator<String> edit)
            throws IOException {
        return write(client, Thread.pullRequest(repository, number), marker, edit, false);
    }

    /**
     * The same for a commit, for failed runs without a pull request (a push to the default branch) when the
     * repository asks for it: one comment per marker on the commit, created, edited in place, or left alone.
     */
    public Written upsertOnCommit(
            InstallationClient client,
            String repository,
            String sha,
            String marker,
            UnaryOperator<String> edit,
            boolean create)
            throws IOException {
        return write(client, Thread.commit(repository, sha), marker, edit, create);
    }

    /** {@code PATCH} of a comment whose id the thread knows; empty when the comment is gone (404). */
    private Optional<Written> editKnown(InstallationClient client, Thread thread, long commentId, String body)
            throws IOException {
        if (dryRun) {
            LOG.info("DRY_RUN: would edit the comment {} on {}:\n{}", commentId, thread.name(), body);
            return Optional.of(Written.of(CommentOutcome.DRY_RUN, commentId));
        }
        budget.acquire(client.installationId());
        Request edit = request(client, thread.comment() + commentId)
                .patch(jsonBody(body))
                .build();
        try (Response response = client.http().newCall(edit).execute()) {
            if (response.code() == 404) {
                LOG.info("the comment {} on {} is gone; looking for ours again", commentId, thread.name());
                return Optional.empty();
            }
            ApiResponses.json("PATCH " + thread.template() + "/comments/{id}", response);
        }
        return Optional.of(Written.of(CommentOutcome.EDITED, commentId));
    }

    private Written write(
            InstallationClient client, Thread thread, String marker, UnaryOperator<String> edit, boolean create)
            throws IOException {
        Optional<JsonNode> ours = find(client, thread, marker);
        Optional<Long> oursId = ours.map(comment -> comment.path("id").asLong());
        if (ours.isEmpty() && !create) {
            return new Written(CommentOutcome.ABSENT, Optional.empty());
        }
        String previous = ours.map(comment -> comment.path("body").asText()).orElse(null);
        String body = edit.apply(previous);
        if (body.equals(previous)) {
            return new Written(CommentOutcome.UNCHANGED, oursId);
        }
        if (dryRun) {
            LOG.info(
                    "DRY_RUN: would {} the comment on {}:\n{}",
                    ours.isEmpty() ? "create" : "edit",
                    thread.name(),
                    body);
            return new Written(CommentOutcome.DRY_RUN, oursId);
        }
        budget.acquire(client.installationId());
        Request write = oursId.isEmpty()
                ? request(client, thread.comments()).post(jsonBody(body)).build()
                : request(client, thread.comment() + oursId.get())
                        .patch(jsonBody(body))
                        .build();
        try (Response response = client.http().newCall(write).execute()) {
            JsonNode written = ApiResponses.json(
                    write.method() + " " + thread.template() + (oursId.isEmpty() ? "/{n}/comments" : "/comments/{id}"),
                    response);
            return oursId.isEmpty()
                    ? Written.of(CommentOutcome.CREATED, written.path("id").asLong())
                    : Written.of(CommentOutcome.EDITED, oursId.get());
        }
    }

    /** Our comment in the thread, following the {@code Link} header's pages. */
    private static Optional<JsonNode> find(InstallationClient client, Thread thread, String marker) throws IOException {
        String url = client.apiUrl() + thread.comments() + "?per_page=100";
        for (int page = 0; page < MAX_PAGES && url != null; page++) {
            try (Response response =
                    client.http().newCall(api(url).get().build()).execute()) {
                for (JsonNode comment : ApiResponses.json("GET " + thread.template() + "/{n}/comments", response)) {
                    if (isOurs(comment, marker)) {
                        return Optional.of(comment);
                    }
                }
                url = ApiResponses.nextLink(response.header("Link"));
            }
        }
        return Optional.empty();
    }

    private static Request.Builder request(InstallationClient client, String path) {
        return api(client.apiUrl() + path);
    }

    private static Request.Builder api(String url) {
        return new Request.Builder()
                .url(url)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION);
    }

    private static RequestBody jsonBody(String body) throws IOException {
        return RequestBody.create(
                ApiResponses.JSON.writeValueAsBytes(Map.of("body", body)), MediaType.get("application/json"));
    }

    /** Someone may quote our comment; only a bot's comment that carries the marker is ours to edit. */
    private static boolean isOurs(JsonNode comment, String marker) {
        return comment.path("body").asText("").startsWith(marker)
                && comment.path("user").path("login").asText("").endsWith("[bot]");
    }
}
