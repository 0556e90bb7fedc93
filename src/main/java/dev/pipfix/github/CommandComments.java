package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A command's comment as GitHub has it now, read again before pipfix acts on it: a signed delivery can be captured
 * and sent again long after, and a comment can be edited or deleted after it was delivered.
 */
public final class CommandComments {

    /** The comment now: its text, its author, when it was written. */
    public record Comment(String body, String author, Instant createdAt) {}

    /** The comment, or empty when it is gone. */
    public Optional<Comment> read(GitHubApi api, String repository, long commentId) throws IOException {
        Optional<JsonNode> comment =
                api.jsonUnlessMissing(ApiRequest.get("/repos/{repo}/issues/comments/{id}", repository, commentId)
                        .unconditional());
        return comment.map(json -> new Comment(
                json.path("body").asText(""),
                json.path("user").path("login").asText(""),
                parse(json.path("created_at").asText(""))));
    }

    private static Instant parse(String at) {
        try {
            return Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
