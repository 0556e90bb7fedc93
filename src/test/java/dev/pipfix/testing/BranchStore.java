package dev.pipfix.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A branch's files and commits with memory, as a WireMock transformer, shaped like GitHub's answers (its own
 * examples, from @octokit/openapi): the contents API reads a file at the branch and writes it as one commit (refused
 * with 409 when the blob SHA given is not the file's), and the commits list gives the branch's commits that touched
 * a path, newest first.
 */
public final class BranchStore implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "branch-store";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One commit the store made. */
    /**
     * A commit on a branch, with the author GitHub reports and whether GitHub verified its signature (an App's commit
     * through the contents API is signed by GitHub; a commit pushed by hand with any author email is not).
     */
    public record Commit(String sha, String path, String message, String text, String author, boolean verified) {}

    private record File(String text, String blobSha) {}

    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final List<Commit> commits = new ArrayList<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The file as the branch has it before the test. */
    public synchronized void put(String repository, String branch, String path, String text) {
        files.put(key(repository, branch, path), new File(text, ReviewStore.gitBlob(text)));
    }

    /** The commits the store made, oldest first. */
    /** A commit pushed to the branch by someone, as git push makes it: {@code author} as GitHub matched its email. */
    public synchronized void pushed(
            String repository, String branch, String path, String text, String message, String author) {
        put(repository, branch, path, text);
        commits.add(new Commit(sha1("pushed " + commits.size() + text), path, message, text, author, false));
    }

    public synchronized List<Commit> commits() {
        return List.copyOf(commits);
    }

    /** The file's text at the branch's head now. */
    public synchronized String text(String repository, String branch, String path) {
        return files.get(key(repository, branch, path)).text();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        try {
            String method = event.getRequest().getMethod().getName();
            String url = event.getRequest().getUrl();
            String path = url.replaceAll("\\?.*", "");
            java.util.regex.Matcher contents = java.util.regex.Pattern.compile("/repos/([^/]+/[^/]+)/contents/(.+)")
                    .matcher(path);
            java.util.regex.Matcher commitsPath = java.util.regex.Pattern.compile("/repos/([^/]+/[^/]+)/commits")
                    .matcher(path);
            if (contents.matches() && method.equals("GET")) {
                String branch = event.getRequest().queryParameter("ref").firstValue();
                File file = files.get(key(contents.group(1), branch, contents.group(2)));
                if (file == null) {
                    return json(404, Map.of("message", "Not Found"));
                }
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("type", "file");
                answer.put("encoding", "base64");
                answer.put("path", contents.group(2));
                answer.put("name", contents.group(2).replaceAll(".*/", ""));
                answer.put("sha", file.blobSha());
                answer.put("size", file.text().getBytes(StandardCharsets.UTF_8).length);
                answer.put(
                        "content",
                        Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.UTF_8))
                                        .encodeToString(file.text().getBytes(StandardCharsets.UTF_8))
                                + "\n");
                return json(200, answer);
            }
            if (contents.matches() && method.equals("PUT")) {
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                String branch = body.path("branch").asText();
                String key = key(contents.group(1), branch, contents.group(2));
                File file = files.get(key);
                if (file == null || !file.blobSha().equals(body.path("sha").asText())) {
                    return json(
                            409,
                            Map.of(
                                    "message",
                                    contents.group(2) + " does not match "
                                            + body.path("sha").asText(),
                                    "documentation_url",
                                    "https://docs.github.com/rest/repos/contents#create-or-update-file-contents",
                                    "status",
                                    "409"));
                }
                String text = new String(
                        Base64.getDecoder().decode(body.path("content").asText()), StandardCharsets.UTF_8);
                files.put(key, new File(text, ReviewStore.gitBlob(text)));
                String sha = sha1("commit " + commits.size() + text);
                commits.add(
                        new Commit(sha, contents.group(2), body.path("message").asText(), text, "pipfix[bot]", true));
                @SuppressWarnings("unchecked")
                Map<String, Object> answer =
                        JSON.readValue(Fixtures.text("openapi/example-file-commit.json"), Map.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> commit = (Map<String, Object>) answer.get("commit");
                commit.put("sha", sha);
                commit.put("message", body.path("message").asText());
                commit.put("html_url", "https://github.com/" + contents.group(1) + "/commit/" + sha);
                return json(200, answer);
            }
            if (commitsPath.matches() && method.equals("GET")) {
                String branch = event.getRequest().queryParameter("sha").firstValue();
                String file = event.getRequest().queryParameter("path").firstValue();
                List<Object> list = new ArrayList<>();
                for (int i = commits.size() - 1; i >= 0; i--) {
                    Commit commit = commits.get(i);
                    if (commit.path().equals(file) && files.containsKey(key(commitsPath.group(1), branch, file))) {
                        list.add(Map.of(
                                "sha", commit.sha(),
                                "html_url", "https://github.com/" + commitsPath.group(1) + "/commit/" + commit.sha(),
                                "author",
                                        Map.of(
                                                "login",
                                                commit.author(),
                                                "type",
                                                commit.author().endsWith("[bot]") ? "Bot" : "User"),
                                "commit",
                                        Map.of(
                                                "message", commit.message(),
                                                "verification",
                                                        Map.of(
                                                                "verified",
                                                                commit.verified(),
                                                                "reason",
                                                                commit.verified() ? "valid" : "unsigned"))));
                    }
                }
                return json(200, list);
            }
            return json(404, Map.of("message", "Not Found"));
        } catch (Exception e) {
            return json(500, Map.of("message", e.toString()));
        }
    }

    private static String key(String repository, String branch, String path) {
        return repository + "@" + branch + ":" + path;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON answer as GitHub sends it, for the stores' transformers. */
    static ResponseDefinition json(int status, Object body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(JSON.writeValueAsString(body))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
