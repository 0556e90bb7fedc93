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
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One comment per marker per pull request (or commit): created the first time, edited in place later, left alone
 * (no write at all) when the text would not change. Every write to GitHub passes the one dry-run check here.
 */
public final class StickyComments {

    private static final Logger LOG = LoggerFactory.getLogger(StickyComments.class);

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
     * Creates our comment or edits it to {@code body}. A comment whose id is known is edited at once, without listing
     * the pull request's comments; when it is gone, the comments are listed as for an unknown one.
     */
    public Written upsert(
            InstallationClient client, String repository, int number, String marker, String body, Optional<Long> known)
            throws IOException {
        if (known.isPresent()) {
            Optional<Written> edited = editKnown(client, repository, known.get(), body);
            if (edited.isPresent()) {
                return edited.get();
            }
        }
        return write(client, repository, number, marker, previous -> body, true);
    }

    /**
     * Edits our comment when there is one, with its new text computed from the old; never creates one. A run that
     * passes edits the comment of an earlier failure to say it is resolved.
     */
    public Written editIfPresent(
            InstallationClient client, String repository, int number, String marker, UnaryOperator<String> edit)
            throws IOException {
        return write(client, repository, number, marker, edit, false);
    }

    /** {@code PATCH /repos/{repo}/issues/comments/{id}}; empty when the comment is gone (404). */
    private Optional<Written> editKnown(InstallationClient client, String repository, long commentId, String body)
            throws IOException {
        if (dryRun) {
            LOG.info("DRY_RUN: would edit the comment {} on {}:\n{}", commentId, repository, body);
            return Optional.of(Written.of(CommentOutcome.DRY_RUN, commentId));
        }
        budget.acquire(client.installationId());
        Request edit = request(client.apiUrl() + "/repos/" + repository + "/issues/comments/" + commentId)
                .patch(jsonBody(body))
                .build();
        try (Response response = client.http().newCall(edit).execute()) {
            if (response.code() == 404) {
                LOG.info("the comment {} on {} is gone; looking for ours again", commentId, repository);
                return Optional.empty();
            }
            ApiResponses.json("PATCH /repos/{repo}/issues/comments/{id}", response);
        }
        return Optional.of(Written.of(CommentOutcome.EDITED, commentId));
    }

    private Written write(
            InstallationClient client,
            String repository,
            int number,
            String marker,
            UnaryOperator<String> edit,
            boolean create)
            throws IOException {
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
                return new Written(CommentOutcome.ABSENT, Optional.empty());
            }
            String body = edit.apply(ours == null ? null : ours.getBody());
            if (ours != null && body.equals(ours.getBody())) {
                return Written.of(CommentOutcome.UNCHANGED, ours.getId());
            }
            if (dryRun) {
                LOG.info(
                        "DRY_RUN: would {} the comment on {}#{}:\n{}",
                        ours == null ? "create" : "edit",
                        repository,
                        number,
                        body);
                return new Written(
                        CommentOutcome.DRY_RUN, Optional.ofNullable(ours).map(GHIssueComment::getId));
            }
            budget.acquire(client.installationId());
            if (ours == null) {
                return Written.of(CommentOutcome.CREATED, issue.comment(body).getId());
            }
            ours.update(body);
            return Written.of(CommentOutcome.EDITED, ours.getId());
        } catch (RuntimeException e) {
            throw InstallationClient.unwrap(e);
        }
    }

    /**
     * The same for a commit, for failed runs without a pull request (a push to the default branch) when the
     * repository asks for it: one comment per marker on the commit, created, edited in place, or left alone. Plain
     * REST calls: github-api looks each commenter up with a call of its own.
     */
    public Written upsertOnCommit(
            InstallationClient client,
            String repository,
            String sha,
            String marker,
            UnaryOperator<String> edit,
            boolean create)
            throws IOException {
        String comments = client.apiUrl() + "/repos/" + repository + "/commits/" + sha + "/comments";
        JsonNode ours = null;
        String url = comments + "?per_page=100";
        for (int page = 0; page < 10 && url != null && ours == null; page++) {
            try (Response response =
                    client.http().newCall(request(url).get().build()).execute()) {
                for (JsonNode comment : ApiResponses.json("GET /repos/{repo}/commits/{sha}/comments", response)) {
                    String login = comment.path("user").path("login").asText("");
                    if (comment.path("body").asText("").startsWith(marker) && login.endsWith("[bot]")) {
                        ours = comment;
                        break;
                    }
                }
                url = ApiResponses.nextLink(response.header("Link"));
            }
        }
        Optional<Long> oursId =
                Optional.ofNullable(ours).map(comment -> comment.path("id").asLong());
        if (ours == null && !create) {
            return new Written(CommentOutcome.ABSENT, Optional.empty());
        }
        String previous = ours == null ? null : ours.path("body").asText();
        String body = edit.apply(previous);
        if (body.equals(previous)) {
            return new Written(CommentOutcome.UNCHANGED, oursId);
        }
        if (dryRun) {
            LOG.info(
                    "DRY_RUN: would {} the comment on {}@{}:\n{}",
                    ours == null ? "create" : "edit",
                    repository,
                    sha,
                    body);
            return new Written(CommentOutcome.DRY_RUN, oursId);
        }
        budget.acquire(client.installationId());
        Request write = oursId.isEmpty()
                ? request(comments).post(jsonBody(body)).build()
                : request(client.apiUrl() + "/repos/" + repository + "/comments/" + oursId.get())
                        .patch(jsonBody(body))
                        .build();
        try (Response response = client.http().newCall(write).execute()) {
            JsonNode written = ApiResponses.json(
                    write.method()
                            + (oursId.isEmpty()
                                    ? " /repos/{repo}/commits/{sha}/comments"
                                    : " /repos/{repo}/comments/{id}"),
                    response);
            return oursId.isEmpty()
                    ? Written.of(CommentOutcome.CREATED, written.path("id").asLong())
                    : Written.of(CommentOutcome.EDITED, oursId.get());
        }
    }

    private static RequestBody jsonBody(String body) throws IOException {
        return RequestBody.create(
                ApiResponses.JSON.writeValueAsBytes(Map.of("body", body)), MediaType.get("application/json"));
    }

    private static Request.Builder request(String url) {
        return new Request.Builder()
                .url(url)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION);
    }

    /** Someone may quote our comment; only a bot's comment that carries the marker is ours to edit. */
    private static boolean isOurs(GHIssueComment comment, String marker) {
        String body = comment.getBody();
        String login = comment.getUserName();
        return body != null && body.startsWith(marker) && login != null && login.endsWith("[bot]");
    }
}
