package dev.pipfix.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pull request's changed files and review comments with memory, as a WireMock transformer shaped like GitHub's
 * answers (its examples from @octokit/openapi). Like GitHub, it refuses (422) a review comment on a line no hunk of
 * the file's diff shows, a multi-line one across hunks, and one on a commit other than the pull request's head.
 */
public final class ReviewStore implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "review-store";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HUNK = Pattern.compile("(?m)^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");

    /** A file the pull request changed: its text at the head and the diff GitHub shows. */
    public record ChangedFile(String path, String text, String patch) {}

    /** A review comment as the store keeps it. */
    public record Review(
            long id, String commitId, String path, Integer startLine, int line, String body, boolean deleted) {}

    private final Map<String, String> heads = new LinkedHashMap<>();
    private final Map<String, List<ChangedFile>> files = new LinkedHashMap<>();
    private final Map<String, List<Review>> reviews = new LinkedHashMap<>();
    private long nextId = 2_001;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void pullRequest(String repository, int number, String headSha, ChangedFile... changed) {
        heads.put(repository + "#" + number, headSha);
        files.put(repository + "#" + number, List.of(changed));
    }

    /** Every review comment made on the pull request, deleted ones too, oldest first. */
    public synchronized List<Review> reviews(String repository, int number) {
        return List.copyOf(reviews.getOrDefault(repository + "#" + number, List.of()));
    }

    /** The comments still on the pull request. */
    public synchronized List<Review> live(String repository, int number) {
        return reviews(repository, number).stream().filter(r -> !r.deleted()).toList();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        try {
            String method = event.getRequest().getMethod().getName();
            String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
            Matcher list = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)/(files|comments)")
                    .matcher(path);
            Matcher one = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/comments/(\\d+)")
                    .matcher(path);
            if (list.matches()) {
                String key = list.group(1) + "#" + list.group(2);
                if (list.group(3).equals("files") && method.equals("GET")) {
                    return BranchStore.json(200, filesOf(key));
                }
                if (method.equals("GET")) {
                    List<Object> answer = new ArrayList<>();
                    for (Review review : reviews.getOrDefault(key, List.of())) {
                        if (!review.deleted()) {
                            answer.add(answer(list.group(1), list.group(2), review));
                        }
                    }
                    return BranchStore.json(200, answer);
                }
                if (method.equals("POST")) {
                    return create(
                            list.group(1),
                            list.group(2),
                            key,
                            event.getRequest().getBodyAsString());
                }
            }
            if (one.matches() && method.equals("DELETE")) {
                long id = Long.parseLong(one.group(2));
                for (List<Review> all : reviews.values()) {
                    for (int i = 0; i < all.size(); i++) {
                        Review r = all.get(i);
                        if (r.id() == id && !r.deleted()) {
                            all.set(
                                    i,
                                    new Review(
                                            r.id(), r.commitId(), r.path(), r.startLine(), r.line(), r.body(), true));
                            return ResponseDefinitionBuilder.responseDefinition()
                                    .withStatus(204)
                                    .build();
                        }
                    }
                }
            }
            return BranchStore.json(
                    404, Map.of("message", "Not Found", "documentation_url", "https://docs.github.com/rest"));
        } catch (Exception e) {
            return BranchStore.json(500, Map.of("message", e.toString()));
        }
    }

    private List<Object> filesOf(String key) throws Exception {
        List<Object> answer = new ArrayList<>();
        for (ChangedFile file : files.getOrDefault(key, List.of())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>)
                    JSON.readValue(Fixtures.text("openapi/example-pull-request-files.json"), List.class)
                            .get(0);
            entry.put("filename", file.path());
            entry.put("status", "modified");
            entry.put("sha", gitBlob(file.text()));
            entry.put("patch", file.patch());
            answer.add(entry);
        }
        return answer;
    }

    private ResponseDefinition create(String repository, String number, String key, String text) throws Exception {
        JsonNode body = JSON.readTree(text);
        String path = body.path("path").asText();
        int line = body.path("line").asInt();
        int start = body.path("start_line").asInt(line);
        ChangedFile file = files.getOrDefault(key, List.of()).stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElse(null);
        if (!body.path("commit_id").asText().equals(heads.get(key))) {
            return unprocessable("commit_id is not part of the pull request");
        }
        if (file == null || !"RIGHT".equals(body.path("side").asText()) || !inOneHunk(file.patch(), start, line)) {
            return unprocessable("pull_request_review_thread.line must be part of the diff");
        }
        Review review = new Review(
                nextId++,
                body.path("commit_id").asText(),
                path,
                body.has("start_line") ? start : null,
                line,
                body.path("body").asText(),
                false);
        reviews.computeIfAbsent(key, k -> new ArrayList<>()).add(review);
        return BranchStore.json(201, answer(repository, number, review));
    }

    private static boolean inOneHunk(String patch, int start, int line) {
        Matcher hunk = HUNK.matcher(patch);
        while (hunk.find()) {
            int first = Integer.parseInt(hunk.group(1));
            int count = hunk.group(2) == null ? 1 : Integer.parseInt(hunk.group(2));
            if (first <= start && start <= line && line < first + count) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> answer(String repository, String number, Review review) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = JSON.readValue(Fixtures.text("openapi/example-review-comment.json"), Map.class);
        answer.put("id", review.id());
        answer.put("commit_id", review.commitId());
        answer.put("path", review.path());
        answer.put("start_line", review.startLine());
        answer.put("line", review.line());
        answer.put("side", "RIGHT");
        answer.put("body", review.body());
        answer.put("user", Map.of("login", "pipfix[bot]", "type", "Bot", "id", 41898282));
        answer.put("html_url", "https://github.com/" + repository + "/pull/" + number + "#discussion_r" + review.id());
        return answer;
    }

    /** git's blob hash, as GitHub gives a file's {@code sha}. */
    public static String gitBlob(String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition unprocessable(String message) {
        return BranchStore.json(
                422,
                Map.of(
                        "message",
                        "Validation Failed",
                        "errors",
                        List.of(message),
                        "documentation_url",
                        "https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request",
                        "status",
                        "422"));
    }
}
