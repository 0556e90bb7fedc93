package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * pipfix's fix commits on a pull request's branch: found by their message before one is made (so a retry after a
 * crash, or a second request, does not commit twice), and made through the contents API, which changes one file in
 * one commit on the branch without a checkout.
 */
public final class FixCommits {

    /** How far back on the branch a fix commit is looked for: a pull request's own commits, with room. */
    private static final int LOOK_BACK = 100;

    /** A commit on the branch, with its message (empty for one just made: its message is the one sent). */
    public record Commit(String sha, String htmlUrl, String message) {}

    /**
     * The latest commit on {@code branch} that changed {@code path}, whose message {@code matches}, and that pipfix
     * made: its author is pipfix's own account and GitHub verified its signature (a commit made through the API is
     * signed by GitHub; one pushed with the bot's address as its author email is not). A trailer in a message is
     * text anyone can write.
     */
    public Optional<Commit> find(
            GitHubApi api, String repository, String branch, String path, OwnAccount own, Predicate<String> matches)
            throws IOException {
        Commit[] found = new Commit[1];
        api.pages(
                ApiRequest.get("/repos/{repo}/commits", repository)
                        .query("sha", branch)
                        .query("path", path)
                        .query("per_page", LOOK_BACK),
                1,
                page -> {
                    for (JsonNode commit : page) {
                        if (matches.test(commit.path("commit").path("message").asText(""))
                                && own.is(commit.path("author").path("login").asText(null))
                                && commit.path("commit")
                                        .path("verification")
                                        .path("verified")
                                        .asBoolean(false)) {
                            found[0] = new Commit(
                                    commit.path("sha").asText(),
                                    commit.path("html_url").asText(),
                                    commit.path("commit").path("message").asText(""));
                            return false;
                        }
                    }
                    return true;
                });
        return Optional.ofNullable(found[0]);
    }

    /**
     * Writes {@code text} to {@code path} on {@code branch} as one commit. {@code blobSha} is the file's blob as it
     * was read: GitHub refuses the write (409) when the branch changed the file since, and nothing is overwritten.
     */
    public Commit commit(
            GitHubApi api, String repository, String branch, String path, String text, String blobSha, String message)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("content", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        body.put("sha", blobSha);
        body.put("branch", branch);
        JsonNode answer = api.json(ApiRequest.put("/repos/{repo}/contents/{path}", repository, path)
                .json(body));
        JsonNode commit = answer.path("commit");
        return new Commit(commit.path("sha").asText(), commit.path("html_url").asText(), message);
    }
}
