package dev.pipfix.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipfix.apply.ApplyCommand;
import dev.pipfix.queue.FixCommand;
import java.util.Optional;

/**
 * Reads an {@code issue_comment} delivery: a {@code /pipfix apply} on a pull request becomes a {@link FixCommand};
 * anything else is a reason to ignore it. Only new comments count: an edited comment could turn an old one into a
 * command, and a deleted one asks nothing.
 */
final class IssueCommentPayload {

    static final FieldFilter FIELDS = FieldFilter.of(
            "action",
            "installation.id",
            "repository.full_name",
            "issue.number",
            "issue.pull_request.url",
            "comment.id",
            "comment.body",
            "comment.user.login",
            "comment.user.type");

    private IssueCommentPayload() {}

    /** The command, or empty with the reason in {@code ignored}. */
    static Optional<FixCommand> command(JsonNode root, String deliveryId, StringBuilder ignored)
            throws MalformedPayloadException {
        String repository = root.path("repository").path("full_name").asText("");
        JsonNode comment = root.path("comment");
        if (repository.isEmpty()
                || !comment.path("id").isIntegralNumber()
                || !root.path("issue").isObject()) {
            throw new MalformedPayloadException(
                    "not an issue_comment payload: repository.full_name, issue or comment.id is missing");
        }
        if (!"created".equals(root.path("action").asText())) {
            ignored.append("action '").append(root.path("action").asText()).append("': only new comments are commands");
            return Optional.empty();
        }
        if (!root.path("issue").path("pull_request").isObject()) {
            ignored.append("a comment on an issue, not a pull request");
            return Optional.empty();
        }
        if (!ApplyCommand.isCommand(comment.path("body").asText(""))) {
            ignored.append("a comment that is not a pipfix command");
            return Optional.empty();
        }
        JsonNode installation = root.path("installation").path("id");
        return Optional.of(new FixCommand(
                deliveryId,
                installation.isIntegralNumber() ? installation.asLong() : null,
                repository,
                root.path("issue").path("number").asInt(),
                comment.path("id").asLong(),
                comment.path("user").path("login").asText(""),
                comment.path("user").path("type").asText("")));
    }
}
