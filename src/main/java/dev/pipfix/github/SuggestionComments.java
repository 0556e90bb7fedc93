package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipfix.apply.Suggestion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pipfix's review comments with a {@code suggestion} on a pull request's diff: one per workflow, like the
 * conversation comment. A run whose suggestion is already on the diff (the same commit, lines and text) writes
 * nothing; a new one replaces the earlier, which is deleted, so that an unchanged line never shows two. Made from
 * {@link StickyComments#suggestions()}: the same {@link WriteGate}, which applies the dry run and the write budget.
 */
public final class SuggestionComments {

    private static final Logger LOG = LoggerFactory.getLogger(SuggestionComments.class);
    /** GitHub lists at most 3,000 files of a pull request, 100 a page. */
    private static final int FILE_PAGES = 30;

    private static final int COMMENT_PAGES = 10;

    private final OwnAccount own;

    SuggestionComments(OwnAccount own) {
        this.own = own;
    }

    /**
     * A file as the pull request changed it.
     *
     * @param blobSha the file's blob at the pull request's head
     * @param patch   the diff GitHub shows for it; empty for a file too large to show, or a binary one
     */
    public record PullFile(String path, String status, String blobSha, Optional<String> patch) {

        /**
         * Whether the pull request's head holds exactly {@code text} for the file (git's blob hash of its UTF-8
         * bytes): then the diff's line numbers are those of the text pipfix patched.
         */
        public boolean holds(String text) {
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            try {
                MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
                sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
                return HexFormat.of().formatHex(sha1.digest(content)).equalsIgnoreCase(blobSha);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is part of every JDK", e);
            }
        }
    }

    /** The pull request's change to {@code path}, when it changed that file. */
    public Optional<PullFile> changed(GitHubApi api, String repository, int number, String path) throws IOException {
        PullFile[] found = new PullFile[1];
        api.pages(
                ApiRequest.get("/repos/{repo}/pulls/{number}/files", repository, number)
                        .query("per_page", 100),
                FILE_PAGES,
                page -> {
                    for (JsonNode file : page) {
                        if (path.equals(file.path("filename").asText())) {
                            found[0] = new PullFile(
                                    path,
                                    file.path("status").asText(""),
                                    file.path("sha").asText(""),
                                    Optional.ofNullable(file.path("patch").textValue()));
                            return false;
                        }
                    }
                    return true;
                });
        return Optional.ofNullable(found[0]);
    }

    /** What placing a suggestion did, and where the review comment is. */
    public record Placed(CommentOutcome outcome, Optional<String> htmlUrl) {}

    /**
     * Puts the suggestion on the pull request's diff at {@code commitId}, unless pipfix's comment with this marker is
     * there already with the same text on the same lines; any other of its comments with the marker is deleted.
     */
    public Placed place(
            GitHubApi api,
            String repository,
            int number,
            String commitId,
            Suggestion suggestion,
            String marker,
            String body)
            throws IOException {
        List<JsonNode> ours = ours(api, repository, number, marker);
        Optional<JsonNode> same = ours.stream()
                .filter(comment -> commitId.equals(comment.path("commit_id").asText())
                        && suggestion.path().equals(comment.path("path").asText())
                        && comment.path("line").asInt() == suggestion.endLine()
                        && startLine(comment) == suggestion.startLine()
                        && body.equals(comment.path("body").asText()))
                .findFirst();
        if (same.isPresent()) {
            return new Placed(
                    CommentOutcome.UNCHANGED,
                    Optional.of(same.get().path("html_url").asText()));
        }
        if (api.writes().dryRun()) {
            LOG.info(
                    "DRY_RUN: would suggest on {}#{} {} lines {}-{}:\n{}",
                    repository,
                    number,
                    suggestion.path(),
                    suggestion.startLine(),
                    suggestion.endLine(),
                    body);
            return new Placed(CommentOutcome.DRY_RUN, Optional.empty());
        }
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", body);
        comment.put("commit_id", commitId);
        comment.put("path", suggestion.path());
        if (suggestion.startLine() < suggestion.endLine()) {
            comment.put("start_line", suggestion.startLine());
            comment.put("start_side", "RIGHT");
        }
        comment.put("line", suggestion.endLine());
        comment.put("side", "RIGHT");
        JsonNode created = api.json(ApiRequest.post("/repos/{repo}/pulls/{number}/comments", repository, number)
                .json(comment));
        for (JsonNode earlier : ours) {
            // already gone is as good as deleted
            api.jsonUnlessMissing(ApiRequest.delete(
                    "/repos/{repo}/pulls/comments/{id}",
                    repository,
                    earlier.path("id").asLong()));
        }
        return new Placed(
                CommentOutcome.CREATED, Optional.of(created.path("html_url").asText()));
    }

    /** A single-line comment has no {@code start_line} (null); it starts on its {@code line}. */
    private static int startLine(JsonNode comment) {
        JsonNode start = comment.path("start_line");
        return start.canConvertToInt() ? start.asInt() : comment.path("line").asInt();
    }

    /** pipfix's review comments with this marker: its own account's, starting with it. */
    private List<JsonNode> ours(GitHubApi api, String repository, int number, String marker) throws IOException {
        List<JsonNode> ours = new ArrayList<>();
        api.pages(
                ApiRequest.get("/repos/{repo}/pulls/{number}/comments", repository, number)
                        .query("per_page", 100),
                COMMENT_PAGES,
                page -> {
                    for (JsonNode comment : page) {
                        if (comment.path("body").asText("").startsWith(marker)
                                && own.is(comment.path("user").path("login").asText(null))) {
                            ours.add(comment);
                        }
                    }
                    return true;
                });
        return ours;
    }
}
