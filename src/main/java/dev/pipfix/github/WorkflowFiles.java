package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads a workflow file as committed at the run's head SHA (not the default branch: the PR may change it), with one
 * call: {@code GET /repos/{o}/{r}/contents/{path}?ref={sha}} (github-api would load the repository first). A repeat
 * failure at the same SHA asks conditionally and is answered 304.
 */
public final class WorkflowFiles {

    /** {@code workflow_run.path} may carry {@code @ref}: the file is read at the run's SHA anyway. */
    public static String stripRef(String path) {
        int at = path.indexOf('@');
        return at < 0 ? path : path.substring(0, at);
    }

    /** A file's text at a ref, and its blob's SHA, which an update of the file names. */
    public record FileAt(String text, String blobSha) {}

    public String read(GitHubApi api, String repository, String path, String sha) throws IOException {
        return readAt(api, repository, path, sha).text();
    }

    /** The file at a commit or a branch's head. */
    public FileAt readAt(GitHubApi api, String repository, String path, String ref) throws IOException {
        ApiRequest request = ApiRequest.get("/repos/{repo}/contents/{path}", repository, path)
                .query("ref", ref);
        JsonNode content = api.json(request);
        if (!"base64".equals(content.path("encoding").asText())) {
            // GitHub leaves the content out of this answer for files over 1 MB; no workflow file is that big
            throw new GitHubApiException(request.name(), 200, "the file is over 1 MB or not a file");
        }
        // a MIME decoder: GitHub breaks the base64 into lines
        return new FileAt(
                new String(
                        Base64.getMimeDecoder().decode(content.path("content").asText()), StandardCharsets.UTF_8),
                content.path("sha").asText(""));
    }
}
