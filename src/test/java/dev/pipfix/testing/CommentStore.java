package dev.pipfix.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's issue comments with memory, as a WireMock transformer: a comment posted is listed afterwards and can be
 * edited, as on GitHub. Tests that restart or crash pipfix need it to see whether a retried task finds its comment.
 */
public final class CommentStore implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "comment-store";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)(/comments)?");
    private static final Pattern COMMENT = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");

    private final Map<Integer, List<Map<String, Object>>> byIssue = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(9000);
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong edits = new AtomicLong();
    /** Who the comments posted through the store are by: the App's bot, or the Action's. */
    private final String author;

    /** Comments posted as the App {@code pipfix}. */
    public CommentStore() {
        this("pipfix[bot]");
    }

    public CommentStore(String author) {
        this.author = author;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
        try {
            Matcher comment = COMMENT.matcher(path);
            if (comment.matches() && method.equals("PATCH")) {
                Map<String, Object> stored = byId.get(Long.parseLong(comment.group(2)));
                if (stored == null) {
                    return json(404, Map.of("message", "Not Found"));
                }
                edits.incrementAndGet();
                stored.put(
                        "body",
                        JSON.readTree(event.getRequest().getBodyAsString())
                                .path("body")
                                .asText());
                return json(200, stored);
            }
            Matcher issue = ISSUE.matcher(path);
            if (!issue.matches()) {
                return json(404, Map.of("message", "Not Found"));
            }
            String repository = issue.group(1);
            int number = Integer.parseInt(issue.group(2));
            if (issue.group(3) == null) {
                return json(
                        200,
                        Map.of(
                                "number",
                                number,
                                "title",
                                "Pull request " + number,
                                "state",
                                "open",
                                "url",
                                "https://api.github.com/repos/" + repository + "/issues/" + number,
                                "html_url",
                                "https://github.com/" + repository + "/pull/" + number,
                                "pull_request",
                                Map.of("url", "https://api.github.com/repos/" + repository + "/pulls/" + number),
                                "user",
                                Map.of("login", "contributor", "id", 583231, "type", "User")));
            }
            List<Map<String, Object>> comments = byIssue.computeIfAbsent(number, n -> new ArrayList<>());
            if (method.equals("POST")) {
                posts.incrementAndGet();
                long id = ids.incrementAndGet();
                Map<String, Object> stored = new LinkedHashMap<>();
                stored.put("id", id);
                stored.put("url", "https://api.github.com/repos/" + repository + "/issues/comments/" + id);
                stored.put("html_url", "https://github.com/" + repository + "/pull/" + number + "#issuecomment-" + id);
                stored.put("user", Map.of("login", author, "id", 123456, "type", "Bot"));
                stored.put(
                        "body",
                        JSON.readTree(event.getRequest().getBodyAsString())
                                .path("body")
                                .asText());
                comments.add(stored);
                byId.put(id, stored);
                return json(201, stored);
            }
            return json(200, comments);
        } catch (Exception e) {
            return json(500, Map.of("message", e.toString()));
        }
    }

    /** How many pull requests have exactly one comment, and how many comments were posted in all. */
    public synchronized Map<Integer, Integer> commentsPerIssue() {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        byIssue.forEach((number, comments) -> counts.put(number, comments.size()));
        return counts;
    }

    /** The bodies of the comments on one issue or pull request, oldest first. */
    /** Given state: a comment someone else wrote on the issue, {@code author} as GitHub names them. */
    public synchronized long postedBy(String repository, int number, String author, String body) {
        long id = ids.incrementAndGet();
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("id", id);
        stored.put("url", "https://api.github.com/repos/" + repository + "/issues/comments/" + id);
        stored.put("html_url", "https://github.com/" + repository + "/pull/" + number + "#issuecomment-" + id);
        stored.put("user", Map.of("login", author, "id", 777, "type", author.endsWith("[bot]") ? "Bot" : "User"));
        stored.put("body", body);
        byIssue.computeIfAbsent(number, n -> new ArrayList<>()).add(stored);
        byId.put(id, stored);
        return id;
    }

    public synchronized List<String> bodies(int number) {
        return byIssue.getOrDefault(number, List.of()).stream()
                .map(c -> String.valueOf(c.get("body")))
                .toList();
    }

    /** The ids of the comments on one issue or pull request, oldest first. */
    public synchronized List<Long> ids(int number) {
        return byIssue.getOrDefault(number, List.of()).stream()
                .map(c -> ((Number) c.get("id")).longValue())
                .toList();
    }

    /** Someone deletes a comment on GitHub. */
    public synchronized void delete(long id) {
        Map<String, Object> gone = byId.remove(id);
        byIssue.values().forEach(list -> list.remove(gone));
    }

    /** How many edits ({@code PATCH}) the comments got. */
    public long edits() {
        return edits.get();
    }

    public long posts() {
        return posts.get();
    }

    private static ResponseDefinition json(int status, Object body) {
        try {
            return new ResponseDefinitionBuilder()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
