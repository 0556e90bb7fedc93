package dev.pipfix.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub at the HTTP level: the REST API on one WireMock server, the log storage that job logs redirect to on
 * another (a different origin, as in production). Responses carry the fields and shapes GitHub's own do.
 */
public final class GitHubSimulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract CONTRACT = OpenApiContract.load();

    private final WireMockServer api;
    private final WireMockServer storage =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final Clock clock;
    private final AtomicInteger tokenSequences = new AtomicInteger();
    private final List<LoggedRequest> earlierRequests = new ArrayList<>();
    private final BranchStore branches = new BranchStore();
    private final ReviewStore reviews = new ReviewStore();
    private final CommentStore comments;

    public GitHubSimulator(Clock clock) {
        this(clock, new CommentStore());
    }

    /** @param comments the memory behind {@link #commentsFromStore(String)} */
    public GitHubSimulator(Clock clock, CommentStore comments) {
        this.clock = clock;
        this.comments = comments;
        this.api = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(comments, branches, reviews)
                .containerThreads(64));
        api.start();
        storage.start();
        // whatever a test does not stub answers as GitHub answers an unknown path
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .atPriority(100)
                .willReturn(json(
                        404,
                        "{\"message\":\"Not Found\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest\",\"status\":\"404\"}")));
        // a pull request changes no file and has no review comment, unless a test says otherwise
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                                "/repos/[^/]+/[^/]+/pulls/(\\d+/files|\\d+/comments|comments/\\d+)"))
                .atPriority(90)
                .willReturn(aResponse().withTransformers(ReviewStore.NAME)));
        // the App is "pipfix": its comments and commits are pipfix[bot]'s, unless a test registers another
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("id", 123456);
        app.put("slug", "pipfix");
        app.put("name", "pipfix");
        app.put("owner", user("octo-org", 6811672, "Organization"));
        app.put("html_url", "https://github.com/apps/pipfix");
        app.put(
                "permissions",
                Map.of("actions", "read", "contents", "read", "metadata", "read", "pull_requests", "write"));
        app.put("events", List.of("workflow_run"));
        api.stubFor(get(urlPathEqualTo("/app")).atPriority(90).willReturn(json(200, write(app))));
        // branches are unprotected unless a test says otherwise
        Map<String, Object> branch = example("openapi/example-branch.json");
        branch.put("protected", false);
        api.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                        "/repos/[^/]+/[^/]+/branches/[^/]+"))
                .atPriority(90)
                .willReturn(json(200, write(branch))));
        // the App's installations accepted what GitHub's example installation has: read-only contents
        api.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/app/installations/\\d+"))
                .atPriority(90)
                .willReturn(json(200, Fixtures.text("openapi/example-installation.json"))));
    }

    /** The files and review comments of pull requests, with memory. */
    public ReviewStore reviews() {
        return reviews;
    }

    /** {@code GET /app/installations/{id}}: the installation accepted these permissions and events. */
    public void installationGrants(long installationId, Map<String, String> permissions, String... events) {
        Map<String, Object> json = example("openapi/example-installation.json");
        json.put("id", installationId);
        json.put("permissions", permissions);
        json.put("events", List.of(events));
        api.stubFor(get(urlPathEqualTo("/app/installations/" + installationId)).willReturn(json(200, write(json))));
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    public WireMockServer api() {
        return api;
    }

    public WireMockServer storage() {
        return storage;
    }

    /**
     * Each call to the token endpoint hands out the next token; the last one repeats. Tokens expire an hour after
     * the clock's time now; a later call replaces the sequence.
     */
    public void installationTokens(long installationId, String... tokens) {
        String scenario = "tokens-" + installationId + "-" + tokenSequences.incrementAndGet();
        for (int i = 0; i < tokens.length; i++) {
            ScenarioMappingBuilder stub = post(urlPathEqualTo(
                            "/app/installations/" + installationId + "/access_tokens"))
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? "Started" : "token-" + i)
                    .willReturn(json(201, tokenJson(tokens[i])));
            if (i < tokens.length - 1) {
                stub.willSetStateTo("token-" + (i + 1));
            }
            api.stubFor(stub);
        }
    }

    private String tokenJson(String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put(
                "expires_at",
                clock.instant().plus(Duration.ofHours(1)).toString().replaceAll("\\.\\d+Z$", "Z"));
        body.put(
                "permissions",
                Map.of("actions", "read", "contents", "read", "metadata", "read", "pull_requests", "write"));
        body.put("repository_selection", "selected");
        return write(body);
    }

    /** A token for any installation, valid for an hour. */
    public void installationTokensForAny(String token) {
        api.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                        "/app/installations/\\d+/access_tokens"))
                .willReturn(json(201, tokenJson(token))));
    }

    /** A token answer with a fixed {@code expires_at}, as in GitHub's documentation example. */
    public void installationTokenExpiringAt(long installationId, String token, String expiresAt) {
        api.stubFor(post(urlPathEqualTo("/app/installations/" + installationId + "/access_tokens"))
                .willReturn(json(201, write(Map.of("token", token, "expires_at", expiresAt)))));
    }

    /** {@code GET /repos/{o}/{r}/installation}, asked with the App's JWT. */
    public void installationOf(String repository, long installationId) {
        Map<String, Object> installation = new LinkedHashMap<>();
        installation.put("id", installationId);
        installation.put("account", user(repository.substring(0, repository.indexOf('/')), 6811672, "Organization"));
        installation.put("repository_selection", "selected");
        installation.put(
                "access_tokens_url", "https://api.github.com/app/installations/" + installationId + "/access_tokens");
        installation.put("app_id", 123456);
        installation.put("target_type", "Organization");
        installation.put("events", List.of("workflow_run"));
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/installation"))
                .willReturn(json(200, write(installation))));
    }

    public void repository(String fullName, long id) {
        api.stubFor(
                get(urlPathEqualTo("/repos/" + fullName)).willReturn(json(200, write(repositoryJson(fullName, id)))));
    }

    public void jobs(String repository, long runId, long attempt, SimJob... jobs) {
        List<Object> list = new ArrayList<>();
        for (SimJob job : jobs) {
            list.add(jobJson(repository, runId, attempt, job));
        }
        conditionally(
                () -> get(urlPathEqualTo(
                        "/repos/" + repository + "/actions/runs/" + runId + "/attempts/" + attempt + "/jobs")),
                write(Map.of("total_count", jobs.length, "jobs", list)),
                "application/json; charset=utf-8");
    }

    /**
     * {@code GET /repos/{o}/{r}/actions/runs/{id}} and {@code .../attempts/{n}}: GitHub's own example of a workflow
     * run (from @octokit/openapi) with this run's id, attempt, state, commit and workflow file.
     */
    public void run(
            String repository,
            long runId,
            long attempt,
            String status,
            String conclusion,
            String headSha,
            String workflowPath) {
        Map<String, Object> json = example("openapi/example-workflow-run.json");
        json.put("id", runId);
        json.put("run_attempt", attempt);
        json.put("run_number", 7);
        json.put("name", "CI");
        json.put("status", status);
        json.put("conclusion", conclusion);
        json.put("head_sha", headSha);
        json.put("path", workflowPath);
        json.put("event", "pull_request");
        json.put("workflow_id", 7087581);
        json.put("html_url", "https://github.com/" + repository + "/actions/runs/" + runId);
        json.put("url", "https://api.github.com/repos/" + repository + "/actions/runs/" + runId);
        String body = write(json);
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/actions/runs/" + runId))
                .willReturn(json(200, body)));
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/actions/runs/" + runId + "/attempts/" + attempt))
                .willReturn(json(200, body)));
    }

    /**
     * A pull request's branch holding {@code path}: read at the branch ({@code contents?ref=BRANCH}), written as one
     * commit per {@code PUT}, its commits listed; the memory is {@link #branches()}.
     */
    public void branch(String repository, String branch, String path, String text) {
        branches.put(repository, branch, path, text);
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/contents/" + path))
                .withQueryParam("ref", equalTo(branch))
                .atPriority(2)
                .willReturn(aResponse().withTransformers(BranchStore.NAME)));
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(
                        urlPathEqualTo("/repos/" + repository + "/contents/" + path))
                .willReturn(aResponse().withTransformers(BranchStore.NAME)));
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/commits"))
                .willReturn(aResponse().withTransformers(BranchStore.NAME)));
    }

    public BranchStore branches() {
        return branches;
    }

    /** The memory behind {@link #commentsFromStore(String)}. */
    public CommentStore comments() {
        return comments;
    }

    /** {@code GET /repos/{o}/{r}/pulls/{n}}: GitHub's own example of a pull request, with this one's head. */
    public void pullRequest(
            String repository,
            int number,
            boolean open,
            String headRepository,
            String headBranch,
            String headSha,
            boolean maintainerCanModify) {
        Map<String, Object> json = example("openapi/example-pull-request.json");
        json.put("number", number);
        json.put("state", open ? "open" : "closed");
        json.put("maintainer_can_modify", maintainerCanModify);
        @SuppressWarnings("unchecked")
        Map<String, Object> head = (Map<String, Object>) json.get("head");
        head.put("ref", headBranch);
        head.put("sha", headSha);
        @SuppressWarnings("unchecked")
        Map<String, Object> repo = (Map<String, Object>) head.get("repo");
        repo.put("full_name", headRepository);
        api.stubFor(
                get(urlPathEqualTo("/repos/" + repository + "/pulls/" + number)).willReturn(json(200, write(json))));
    }

    /** {@code GET /repos/{o}/{r}/branches/{branch}}: the branch is protected. */
    public void protectedBranch(String repository, String branch) {
        Map<String, Object> json = example("openapi/example-branch.json");
        json.put("name", branch);
        json.put("protected", true);
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/branches/" + branch))
                .willReturn(json(200, write(json))));
    }

    /** {@code GET /repos/{o}/{r}/issues/comments/{id}}: a command's comment as GitHub has it, written now. */
    public void commandComment(String repository, long id, String author, String body) {
        commandComment(repository, id, author, body, clock.instant());
    }

    public void commandComment(String repository, long id, String author, String body, java.time.Instant createdAt) {
        Map<String, Object> json = example("openapi/example-issue-comment.json");
        json.put("id", id);
        json.put("body", body);
        json.put("user", user(author, 583231, "User"));
        json.put("created_at", createdAt.toString());
        json.put("updated_at", createdAt.toString());
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/issues/comments/" + id))
                .willReturn(json(200, write(json))));
    }

    /** {@code GET /repos/{o}/{r}/collaborators/{user}/permission}, as GitHub answers for the role. */
    public void collaborator(String repository, String login, String role) {
        Map<String, Object> json = example("openapi/example-collaborator-permission.json");
        json.put("role_name", role);
        json.put(
                "permission",
                switch (role) {
                    case "maintain" -> "write";
                    case "triage" -> "read";
                    default -> role;
                });
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/collaborators/" + login + "/permission"))
                .willReturn(json(200, write(json))));
    }

    /** Reactions on any issue comment of the repository, answered with GitHub's example. */
    public void acceptReactions(String repository) {
        api.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                        "/repos/" + repository + "/issues/comments/\\d+/reactions"))
                .willReturn(json(201, Fixtures.text("openapi/example-reaction.json"))));
    }

    /** {@code GET /repos/{o}/{r}/actions/jobs/{id}}: one job, as the jobs list gives it. */
    public void job(String repository, long runId, long attempt, SimJob job) {
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/actions/jobs/" + job.id()))
                .willReturn(json(200, write(jobJson(repository, runId, attempt, job)))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> example(String resource) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(Fixtures.text(resource), LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The API answers with a redirect to a signed storage URL, as GitHub does; storage serves the text. */
    public void log(String repository, long jobId, String text) {
        String storagePath = "/actions-results/6f0b5a9c/workflow-job-run-" + jobId + "/logs/job/job-logs.txt";
        api.stubFor(
                get(urlPathEqualTo("/repos/" + repository + "/actions/jobs/" + jobId + "/logs"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader(
                                                "Location",
                                                "http://127.0.0.1:" + storage.port() + storagePath
                                                        + "?rsct=text%2Fplain&se=2026-11-20T09%3A17%3A08Z&sig=dGVzdA%3D%3D&sp=r&sv=2025-01-05")));
        storage.stubFor(get(urlPathEqualTo(storagePath))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/plain")
                        .withBody(text)));
    }

    /** {@code GET /repos/{o}/{r}/contents/{path}?ref={sha}}: base64 in 60-character lines, as GitHub sends it. */
    public void file(String repository, String path, String sha, String text) {
        String base64 = java.util.Base64.getMimeEncoder(60, "\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\n";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "file");
        json.put("encoding", "base64");
        json.put("size", text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        json.put("name", path.substring(path.lastIndexOf('/') + 1));
        json.put("path", path);
        json.put("content", base64);
        json.put("sha", "3d21ec53a331a6f037a91c368710b99387d012c1");
        json.put("url", "https://api.github.com/repos/" + repository + "/contents/" + path + "?ref=" + sha);
        json.put("html_url", "https://github.com/" + repository + "/blob/" + sha + "/" + path);
        json.put("download_url", "https://raw.githubusercontent.com/" + repository + "/" + sha + "/" + path);
        conditionally(
                () -> get(urlPathEqualTo("/repos/" + repository + "/contents/" + path))
                        .withQueryParam("ref", equalTo(sha)),
                write(json),
                "application/json; charset=utf-8");
    }

    /** Issues and their comments, posted and edited with memory, for any pull request of the repository. */
    public void commentsFromStore(String repository) {
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                                "/repos/" + repository + "/issues/.*"))
                .willReturn(aResponse().withTransformers(CommentStore.NAME)));
    }

    /** The same jobs for every run of the repository. */
    public void jobsForAnyRun(String repository, SimJob... jobs) {
        List<Object> list = new ArrayList<>();
        for (SimJob job : jobs) {
            list.add(jobJson(repository, 1, 1, job));
        }
        api.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                        "/repos/" + repository + "/actions/runs/\\d+/attempts/\\d+/jobs"))
                .willReturn(json(200, write(Map.of("total_count", jobs.length, "jobs", list)))));
    }

    /** A log whose storage answers only after a delay: GitHub slowed down. */
    public void slowLog(String repository, long jobId, String text, int delayMillis) {
        log(repository, jobId, text);
        String storagePath = "/actions-results/6f0b5a9c/workflow-job-run-" + jobId + "/logs/job/job-logs.txt";
        storage.stubFor(get(urlPathEqualTo(storagePath))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(delayMillis)
                        .withHeader("Content-Type", "text/plain")
                        .withBody(text)));
    }

    public void issue(String repository, int number) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("url", "https://api.github.com/repos/" + repository + "/issues/" + number);
        issue.put("id", 2_000_000_000L + number);
        issue.put("node_id", "PR_kwDOH" + number);
        issue.put("number", number);
        issue.put("title", "Add YAML parsing");
        issue.put("state", "open");
        issue.put("user", user("contributor", 583231, "User"));
        issue.put("comments", 0);
        issue.put("html_url", "https://github.com/" + repository + "/pull/" + number);
        issue.put("pull_request", Map.of("url", "https://api.github.com/repos/" + repository + "/pulls/" + number));
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/issues/" + number))
                .willReturn(json(200, write(issue))));
    }

    /** The pull request's comments as GitHub would list them now. */
    public void comments(String repository, int number, SimComment... comments) {
        List<Object> list = new ArrayList<>();
        for (SimComment comment : comments) {
            list.add(commentJson(repository, number, comment));
        }
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/issues/" + number + "/comments"))
                .willReturn(json(200, write(list))));
    }

    public void acceptNewComments(String repository, int number, long newId) {
        api.stubFor(post(urlPathEqualTo("/repos/" + repository + "/issues/" + number + "/comments"))
                .willReturn(json(
                        201,
                        write(commentJson(
                                repository, number, new SimComment(newId, "pipfix[bot]", "Bot", "(body)"))))));
    }

    public void acceptCommentEdits(String repository, int number, long commentId) {
        api.stubFor(patch(urlPathEqualTo("/repos/" + repository + "/issues/comments/" + commentId))
                .willReturn(json(
                        200,
                        write(commentJson(
                                repository, number, new SimComment(commentId, "pipfix[bot]", "Bot", "(body)"))))));
    }

    public void openPullRequests(String repository, String head, SimPull... pulls) {
        List<Object> list = new ArrayList<>();
        for (SimPull pull : pulls) {
            list.add(pullJson(repository, pull));
        }
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/pulls"))
                .withQueryParam("state", equalTo("open"))
                .withQueryParam("head", equalTo(head))
                .willReturn(json(200, write(list))));
    }

    /**
     * The manifest flow's code exchange, answering as GitHub does once: the App {@code slug} with the given key and
     * webhook secret. Other codes get GitHub's 404.
     */
    public void manifestConversion(String code, long appId, String slug, String pem, String webhookSecret) {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("login", "octo-org");
        owner.put("id", 6811672);
        owner.put("type", "Organization");
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("id", appId);
        app.put("slug", slug);
        app.put("node_id", "A_kwDOAGf3FM4AAfZ3");
        app.put("owner", owner);
        app.put("name", slug);
        app.put("description", "Explains pip permission errors in failed GitHub Actions runs");
        app.put("external_url", "https://github.com/pipfix/pipfix");
        app.put("html_url", "https://github.com/apps/" + slug);
        app.put("created_at", "2026-11-21T08:00:00Z");
        app.put("updated_at", "2026-11-21T08:00:00Z");
        app.put(
                "permissions",
                Map.of("actions", "read", "contents", "read", "metadata", "read", "pull_requests", "write"));
        app.put("events", List.of("workflow_run"));
        app.put("client_id", "Iv23liQ1yDn0aZEoXbzr");
        app.put("client_secret", "1726be1638095a19edd134c77bde3aa2ece1e5d8");
        app.put("webhook_secret", webhookSecret);
        app.put("pem", pem);
        api.stubFor(post(urlPathEqualTo("/app-manifests/" + code + "/conversions"))
                .inScenario("manifest " + code)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("used")
                .willReturn(json(201, write(app))));
    }

    /**
     * {@code GET /app} and {@code GET /app/installations}: the App, owned by the organization octo-org (id 6811672),
     * and the accounts it is installed on.
     */
    public void app(String slug, String... accounts) {
        appOwnedBy(slug, "octo-org", 6811672, "Organization", accounts);
    }

    /** {@code GET /app} and {@code GET /app/installations}, for an App owned by the given user or organization. */
    public void appOwnedBy(String slug, String owner, long ownerId, String ownerType, String... accounts) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("id", 123456);
        app.put("slug", slug);
        app.put("node_id", "A_kwDOAGf3FM4AAfZ3");
        app.put("owner", user(owner, ownerId, ownerType));
        app.put("name", slug);
        app.put("html_url", "https://github.com/apps/" + slug);
        app.put(
                "permissions",
                Map.of("actions", "read", "contents", "read", "metadata", "read", "pull_requests", "write"));
        app.put("events", List.of("workflow_run"));
        api.stubFor(get(urlPathEqualTo("/app")).willReturn(json(200, write(app))));
        List<Map<String, Object>> installations = new ArrayList<>();
        for (int i = 0; i < accounts.length; i++) {
            Map<String, Object> installation = new LinkedHashMap<>();
            installation.put("id", 4242 + i);
            installation.put("account", Map.of("login", accounts[i], "id", 6811672 + i, "type", "Organization"));
            installation.put("repository_selection", i == 0 ? "selected" : "all");
            installation.put(
                    "html_url",
                    "https://github.com/organizations/" + accounts[i] + "/settings/installations/" + (4242 + i));
            installation.put("app_id", 123456);
            installation.put("app_slug", slug);
            installations.add(installation);
        }
        api.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(json(200, write(installations))));
    }

    /**
     * The OAuth web flow's code exchange ({@code POST /login/oauth/access_token} on GitHub's web host): the code
     * gets a user access token; any other code gets the 200 with an {@code error} GitHub answers for one it does
     * not know.
     */
    public void oauthCode(String code, String userToken) {
        api.stubFor(post(urlPathEqualTo("/login/oauth/access_token"))
                .atPriority(10)
                .willReturn(json(
                        200,
                        write(Map.of(
                                "error",
                                "bad_verification_code",
                                "error_description",
                                "The code passed is incorrect or expired.",
                                "error_uri",
                                "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-"
                                        + "access-token-request-errors/#bad-verification-code")))));
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("access_token", userToken);
        token.put("expires_in", 28800);
        token.put("refresh_token", "ghr_" + userToken.substring(4));
        token.put("refresh_token_expires_in", 15897600);
        token.put("token_type", "bearer");
        token.put("scope", "");
        api.stubFor(post(urlPathEqualTo("/login/oauth/access_token"))
                .atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("code=" + code))
                .willReturn(json(200, write(token))));
    }

    /** {@code GET /user} for a user access token. */
    public void user(String userToken, String login, long id) {
        Map<String, Object> user = user(login, id, "User");
        user.put("name", "The Octocat");
        api.stubFor(get(urlPathEqualTo("/user"))
                .withHeader("Authorization", equalTo("Bearer " + userToken))
                .willReturn(json(200, write(user))));
    }

    /** {@code GET /user/memberships/orgs/{org}}: the token's user in the organization, with a role. */
    public void membership(String userToken, String org, String login, String role) {
        Map<String, Object> membership = new LinkedHashMap<>();
        membership.put("url", "https://api.github.com/orgs/" + org + "/memberships/" + login);
        membership.put("state", "active");
        membership.put("role", role);
        membership.put("organization_url", "https://api.github.com/orgs/" + org);
        membership.put("organization", Map.of("login", org, "id", 6811672, "node_id", "MDEyOk9yZ2FuaXphdGlvbjE="));
        membership.put("user", user(login, 583231, "User"));
        api.stubFor(get(urlPathEqualTo("/user/memberships/orgs/" + org))
                .withHeader("Authorization", equalTo("Bearer " + userToken))
                .willReturn(json(200, write(membership))));
    }

    /** {@code DELETE /applications/{client_id}/token}: revokes a user access token (204). */
    public void tokenRevocation(String clientId) {
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                        urlPathEqualTo("/applications/" + clientId + "/token"))
                .willReturn(aResponse().withStatus(204)));
    }

    /**
     * {@code .github/pipfix.yml} on the default branch, as the raw media type serves it: only a request without
     * {@code ref} gets it (a read at the pull request's head would get 404).
     */
    public void settingsFile(String repository, String text) {
        conditionally(
                () -> get(urlPathEqualTo("/repos/" + repository + "/contents/.github/pipfix.yml"))
                        .withQueryParam("ref", com.github.tomakehurst.wiremock.client.WireMock.absent())
                        .withHeader("Accept", equalTo("application/vnd.github.raw+json")),
                text,
                "application/vnd.github.raw+json; charset=utf-8");
    }

    /**
     * A commit's comments (GitHub's REST shape) and the answers to creating one and editing one: {@code existing}
     * is the body of a comment pipfix's bot left earlier, or null for none.
     */
    public void commitComments(String repository, String sha, String existing, long newId) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (existing != null) {
            list.add(commitComment(repository, sha, 8_811, existing));
        }
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/commits/" + sha + "/comments"))
                .willReturn(json(200, write(list))));
        api.stubFor(post(urlPathEqualTo("/repos/" + repository + "/commits/" + sha + "/comments"))
                .willReturn(json(201, write(commitComment(repository, sha, newId, "(the body sent)")))));
        api.stubFor(patch(urlPathEqualTo("/repos/" + repository + "/comments/8811"))
                .willReturn(json(200, write(commitComment(repository, sha, 8_811, "(the body sent)")))));
    }

    private static Map<String, Object> commitComment(String repository, String sha, long id, String body) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("html_url", "https://github.com/" + repository + "/commit/" + sha + "#commitcomment-" + id);
        comment.put("url", "https://api.github.com/repos/" + repository + "/comments/" + id);
        comment.put("id", id);
        comment.put("node_id", "MDEzOkNvbW1pdENvbW1lbnQx");
        comment.put("body", body);
        comment.put("path", null);
        comment.put("position", null);
        comment.put("line", null);
        comment.put("commit_id", sha);
        comment.put("user", Map.of("login", "pipfix[bot]", "id", 41898282, "type", "Bot"));
        comment.put("author_association", "NONE");
        comment.put("created_at", "2026-11-21T08:00:00Z");
        comment.put("updated_at", "2026-11-21T08:00:00Z");
        return comment;
    }

    public void stub(MappingBuilder mapping) {
        api.stubFor(mapping);
    }

    /** API requests in the order they arrived. */
    /**
     * The API's requests in the order they arrived, except the two a failed run sends together (its jobs list and
     * its settings file), whose order is not defined: they are listed settings first.
     */
    public List<LoggedRequest> apiRequests() {
        List<LoggedRequest> requests = new ArrayList<>(inOrder(api));
        for (int i = 0; i + 1 < requests.size(); i++) {
            if (requests.get(i).getUrl().contains("/jobs?")
                    && requests.get(i + 1).getUrl().endsWith("/contents/.github/pipfix.yml")) {
                Collections.swap(requests, i, i + 1);
            }
        }
        return requests;
    }

    public List<LoggedRequest> storageRequests() {
        return inOrder(storage);
    }

    /** {@code METHOD path} of each API request, in order, for exact assertions. */
    public List<String> apiCalls() {
        return apiRequests().stream()
                .map(r -> r.getMethod().getName() + " " + r.getUrl())
                .toList();
    }

    public List<LoggedRequest> writes() {
        // every method but a read: a PUT of a file or a DELETE of a comment writes as much as a POST
        return apiRequests().stream()
                .filter(r -> !r.getMethod().getName().equals("GET")
                        && !r.getMethod().getName().equals("HEAD"))
                .filter(r -> !r.getUrl().startsWith("/app/")
                        && !r.getUrl().startsWith("/app-manifests/")
                        && !r.getUrl().startsWith("/login/")
                        && !r.getUrl().startsWith("/applications/"))
                .toList();
    }

    public void resetRequests() {
        // still held against the description at close
        earlierRequests.addAll(inOrder(api));
        api.resetRequests();
        storage.resetRequests();
    }

    private static List<LoggedRequest> inOrder(WireMockServer server) {
        List<LoggedRequest> requests = new ArrayList<>(
                server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        Collections.reverse(requests);
        return requests;
    }

    /**
     * Stops the simulator, then holds every request it received against GitHub's own description of the REST API:
     * a test whose pipfix sent a request GitHub does not describe fails here.
     */
    @Override
    public void close() {
        List<LoggedRequest> requests = new ArrayList<>(earlierRequests);
        requests.addAll(inOrder(api));
        api.stop();
        storage.stop();
        List<String> violations = CONTRACT.violations(requests);
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    "requests outside GitHub's REST API description:\n" + String.join("\n", violations));
        }
    }

    public record SimStep(String name, int number, String conclusion) {}

    public record SimJob(long id, String name, String conclusion, List<SimStep> steps) {}

    public record SimComment(long id, String login, String userType, String body) {}

    public record SimPull(int number, String headOwner, String headBranch, String headSha) {}

    public static SimJob failedJob(long id, String name, String failedStep, int failedNumber) {
        List<SimStep> steps = new ArrayList<>();
        steps.add(new SimStep("Set up job", 1, "success"));
        for (int n = 2; n < failedNumber; n++) {
            steps.add(new SimStep(n == 2 ? "Run actions/checkout@v4" : "Step " + n, n, "success"));
        }
        steps.add(new SimStep(failedStep, failedNumber, "failure"));
        steps.add(new SimStep("Post Run actions/checkout@v4", failedNumber + 1, "success"));
        steps.add(new SimStep("Complete job", failedNumber + 2, "success"));
        return new SimJob(id, name, "failure", steps);
    }

    public static SimJob passedJob(long id, String name) {
        return new SimJob(
                id,
                name,
                "success",
                List.of(
                        new SimStep("Set up job", 1, "success"),
                        new SimStep("Run pytest", 2, "success"),
                        new SimStep("Complete job", 3, "success")));
    }

    private Map<String, Object> jobJson(String repository, long runId, long attempt, SimJob job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", job.id());
        json.put("run_id", runId);
        json.put("workflow_name", "CI");
        json.put("head_branch", "add-yaml");
        json.put("run_url", "https://api.github.com/repos/" + repository + "/actions/runs/" + runId);
        json.put("run_attempt", attempt);
        json.put("node_id", "CR_kwDOH" + job.id());
        json.put("head_sha", "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a");
        json.put("url", "https://api.github.com/repos/" + repository + "/actions/jobs/" + job.id());
        json.put("html_url", "https://github.com/" + repository + "/actions/runs/" + runId + "/job/" + job.id());
        json.put("status", "completed");
        json.put("conclusion", job.conclusion());
        json.put("created_at", "2026-11-20T09:13:42Z");
        json.put("started_at", "2026-11-20T09:13:50Z");
        json.put("completed_at", "2026-11-20T09:16:05Z");
        json.put("name", job.name());
        List<Object> steps = new ArrayList<>();
        for (SimStep step : job.steps()) {
            steps.add(Map.of(
                    "name",
                    step.name(),
                    "status",
                    "completed",
                    "conclusion",
                    step.conclusion(),
                    "number",
                    step.number(),
                    "started_at",
                    "2026-11-20T09:14:00Z",
                    "completed_at",
                    "2026-11-20T09:14:03Z"));
        }
        json.put("steps", steps);
        json.put("check_run_url", "https://api.github.com/repos/" + repository + "/check-runs/" + job.id());
        json.put("labels", List.of("ubuntu-latest"));
        json.put("runner_id", 1000000017);
        json.put("runner_name", "GitHub Actions 1000000017");
        json.put("runner_group_id", 0);
        json.put("runner_group_name", "GitHub Actions");
        return json;
    }

    private static Map<String, Object> repositoryJson(String fullName, long id) {
        String owner = fullName.substring(0, fullName.indexOf('/'));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("node_id", "R_kgDOH" + id);
        json.put("name", fullName.substring(fullName.indexOf('/') + 1));
        json.put("full_name", fullName);
        json.put("private", false);
        json.put("owner", user(owner, 6811672, "Organization"));
        json.put("html_url", "https://github.com/" + fullName);
        json.put("fork", false);
        json.put("url", "https://api.github.com/repos/" + fullName);
        json.put("default_branch", "main");
        json.put(
                "permissions", Map.of("admin", false, "maintain", false, "push", false, "triage", false, "pull", true));
        return json;
    }

    private static Map<String, Object> commentJson(String repository, int number, SimComment comment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", "https://api.github.com/repos/" + repository + "/issues/comments/" + comment.id());
        json.put("html_url", "https://github.com/" + repository + "/pull/" + number + "#issuecomment-" + comment.id());
        json.put("issue_url", "https://api.github.com/repos/" + repository + "/issues/" + number);
        json.put("id", comment.id());
        json.put("node_id", "IC_kwDOH" + comment.id());
        json.put("user", user(comment.login(), comment.login().hashCode() & 0xffffff, comment.userType()));
        json.put("created_at", "2026-11-20T09:16:30Z");
        json.put("updated_at", "2026-11-20T09:16:30Z");
        json.put("author_association", comment.userType().equals("Bot") ? "NONE" : "CONTRIBUTOR");
        json.put("body", comment.body());
        return json;
    }

    private static Map<String, Object> pullJson(String repository, SimPull pull) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("label", pull.headOwner() + ":" + pull.headBranch());
        head.put("ref", pull.headBranch());
        head.put("sha", pull.headSha());
        head.put("user", user(pull.headOwner(), 583231, "User"));
        head.put(
                "repo",
                repositoryJson(pull.headOwner() + "/" + repository.substring(repository.indexOf('/') + 1), 202));
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("label", repository.substring(0, repository.indexOf('/')) + ":main");
        base.put("ref", "main");
        base.put("sha", "dbea8d8b6ed2cf764dfd84a215f3f9040b3d4423");
        base.put("repo", repositoryJson(repository, 101));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", "https://api.github.com/repos/" + repository + "/pulls/" + pull.number());
        json.put("id", 1_500_000_000L + pull.number());
        json.put("number", pull.number());
        json.put("state", "open");
        json.put("title", "Fix dependencies");
        json.put("user", user(pull.headOwner(), 583231, "User"));
        json.put("html_url", "https://github.com/" + repository + "/pull/" + pull.number());
        json.put("head", head);
        json.put("base", base);
        return json;
    }

    private static Map<String, Object> user(String login, long id, String type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("login", login);
        json.put("id", id);
        json.put("node_id", "MDQ6VXNlcj" + id);
        json.put("url", "https://api.github.com/users/" + login.replace("[bot]", "%5Bbot%5D"));
        json.put("html_url", "https://github.com/" + login.replace("[bot]", ""));
        json.put("type", type);
        json.put("site_admin", false);
        return json;
    }

    /**
     * A GET answered as GitHub answers it: 200 with an {@code ETag} (weak, of the body), and 304 Not Modified with no
     * body to a request whose {@code If-None-Match} names that tag.
     */
    private void conditionally(java.util.function.Supplier<MappingBuilder> request, String body, String contentType) {
        String etag = "W/\"" + sha1(body) + "\"";
        api.stubFor(request.get()
                .willReturn(
                        json(200, body).withHeader("Content-Type", contentType).withHeader("ETag", etag)));
        api.stubFor(request.get()
                .withHeader("If-None-Match", equalTo(etag))
                .atPriority(1)
                .willReturn(json(304, "").withHeader("ETag", etag)));
    }

    /** How many requests GitHub answered 304 Not Modified. */
    public long notModified() {
        return api.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 304)
                .count();
    }

    private static String sha1(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28")
                .withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Remaining", "4990")
                .withHeader(
                        "X-RateLimit-Reset",
                        Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()))
                .withHeader("X-RateLimit-Resource", "core")
                .withBody(body);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
