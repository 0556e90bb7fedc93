package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.Response;

/**
 * Reads a workflow file as committed at the run's head SHA (not the default branch: the PR may change it), with one
 * call: {@code GET /repos/{o}/{r}/contents/{path}?ref={sha}} over the installation's client (github-api would load
 * the repository first).
 */
public final class WorkflowFiles {

    /** {@code workflow_run.path} may carry {@code @ref}: the file is read at the run's SHA anyway. */
    public static String stripRef(String path) {
        int at = path.indexOf('@');
        return at < 0 ? path : path.substring(0, at);
    }

    public String read(InstallationClient client, String repository, String path, String sha) throws IOException {
        String name = "GET /repos/{repo}/contents/" + path;
        try (Response response = client.http()
                .newCall(client.get("/repos/" + repository + "/contents/" + path + "?ref=" + sha)
                        .build())
                .execute()) {
            JsonNode content = ApiResponses.json(name, response);
            if (!"base64".equals(content.path("encoding").asText())) {
                // GitHub leaves the content out of this answer for files over 1 MB; no workflow file is that big
                throw new GitHubApiException(name, response.code(), "the file is over 1 MB or not a file");
            }
            // a MIME decoder: GitHub breaks the base64 into lines
            return new String(
                    Base64.getMimeDecoder().decode(content.path("content").asText()), StandardCharsets.UTF_8);
        }
    }
}
