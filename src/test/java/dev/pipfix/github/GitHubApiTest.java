package dev.pipfix.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one GitHub layer against a WireMock GitHub: headers, credentials, conditional requests, errors, pages. */
class GitHubApiTest {

    private static final String ETAG = "W/\"3d21ec53a331a6f037a91c368710b99387d012c1\"";

    private final WireMockServer github =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final ConditionalRequests conditional = new ConditionalRequests(1024 * 1024);
    private GitHubConnection connection;

    @BeforeEach
    void start() {
        github.start();
        OkHttpClient http = new OkHttpClient();
        connection = new GitHubConnection(
                () -> http,
                "http://127.0.0.1:" + github.port(),
                "http://127.0.0.1:" + github.port(),
                "pipfix/1.2.3",
                conditional,
                WriteGate.writing(java.time.Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private static java.security.interfaces.RSAPrivateKey key() {
        try {
            return (java.security.interfaces.RSAPrivateKey) PrivateKeys.parse(Fixtures.text("keys/app-pkcs1.pem"));
        } catch (KeyFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private GitHubApi as(String token) {
        return connection.api(new Credential.Token(token, "scope-of-" + token));
    }

    private void file(String body) {
        github.stubFor(get(urlPathEqualTo("/repos/o/r/contents/.github/pipfix.yml"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("ETag", ETAG)
                        .withBody(body)));
        github.stubFor(get(urlPathEqualTo("/repos/o/r/contents/.github/pipfix.yml"))
                .withHeader("If-None-Match", equalTo(ETAG))
                .atPriority(1)
                .willReturn(aResponse().withStatus(304).withHeader("ETag", ETAG)));
    }

    private LoggedRequest lastSettingsRequest() {
        List<LoggedRequest> all =
                github.findAll(getRequestedFor(urlPathEqualTo("/repos/o/r/contents/.github/pipfix.yml")));
        return all.get(all.size() - 1);
    }

    private static ApiRequest settings() {
        return ApiRequest.get("/repos/{repo}/contents/{path}", "o/r", ".github/pipfix.yml");
    }

    @Test
    void every_request_carries_the_api_version_the_user_agent_the_media_type_and_the_credential() throws Exception {
        github.stubFor(get(urlPathEqualTo("/app"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

        as("ghs_plain").json(ApiRequest.get("/app"));
        connection.api(new Credential.OAuthClient("Iv1.abc", "shh")).json(ApiRequest.get("/app"));
        connection.api(Credential.none()).json(ApiRequest.get("/app"));
        connection.api(new Credential.App(new AppJwt("123456", key(), clock))).json(ApiRequest.get("/app"));

        List<LoggedRequest> requests = github.findAll(getRequestedFor(urlPathEqualTo("/app")));
        assertThat(requests).hasSize(4).allSatisfy(r -> {
            assertThat(r.getHeader("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(r.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
            assertThat(r.getHeader("User-Agent")).isEqualTo("pipfix/1.2.3");
        });
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer ghs_plain");
        assertThat(requests.get(1).getHeader("Authorization"))
                .isEqualTo("Basic "
                        + java.util.Base64.getEncoder().encodeToString("Iv1.abc:shh".getBytes(StandardCharsets.UTF_8)));
        assertThat(requests.get(2).containsHeader("Authorization")).isFalse();
        assertThat(requests.get(3).getHeader("Authorization")).startsWith("Bearer eyJ");
    }

    @Test
    void a_repeated_get_asks_with_if_none_match_and_a_304_gives_the_kept_answer() throws Exception {
        // given an answer with an ETag
        file("{\"content\":\"first\"}");
        GitHubApi api = as("ghs_a");
        JsonNode first = api.json(settings());

        // when the same is asked again
        JsonNode again = api.json(settings());

        // then GitHub is asked conditionally, answers 304, and the kept answer is the result
        List<LoggedRequest> requests =
                github.findAll(getRequestedFor(urlPathEqualTo("/repos/o/r/contents/.github/pipfix.yml")));
        assertThat(requests.get(0).containsHeader("If-None-Match")).isFalse();
        assertThat(requests.get(1).getHeader("If-None-Match")).isEqualTo(ETAG);
        assertThat(github.getAllServeEvents())
                .filteredOn(e -> e.getResponse().getStatus() == 304)
                .hasSize(1);
        assertThat(again).isEqualTo(first);
        assertThat(again.path("content").asText()).isEqualTo("first");
    }

    @Test
    void an_answer_kept_for_one_credential_is_never_offered_for_another() throws Exception {
        file("{\"content\":\"first\"}");
        as("ghs_a").json(settings());

        as("ghs_b").json(settings());

        github.verify(getRequestedFor(urlPathEqualTo("/repos/o/r/contents/.github/pipfix.yml"))
                .withHeader("Authorization", equalTo("Bearer ghs_b"))
                .withHeader("If-None-Match", absent()));
    }

    @Test
    void a_changed_file_is_read_again_and_the_new_answer_kept() throws Exception {
        file("{\"content\":\"first\"}");
        GitHubApi api = as("ghs_a");
        api.json(settings());

        // the file changes: its ETag no longer matches, GitHub answers 200 with the new text
        github.resetMappings();
        String changed = "W/\"9f0c\"";
        github.stubFor(get(urlPathEqualTo("/repos/o/r/contents/.github/pipfix.yml"))
                .willReturn(
                        aResponse().withStatus(200).withHeader("ETag", changed).withBody("{\"content\":\"second\"}")));

        assertThat(api.json(settings()).path("content").asText()).isEqualTo("second");
        assertThat(lastSettingsRequest().getHeader("If-None-Match")).isEqualTo(ETAG);
        api.json(settings());
        assertThat(lastSettingsRequest().getHeader("If-None-Match")).isEqualTo(changed);
    }

    @Test
    void answers_without_an_etag_unconditional_requests_and_answers_over_512_kib_are_not_kept() throws Exception {
        String big = "{\"content\":\"" + "x".repeat(600 * 1024) + "\"}";
        github.stubFor(get(urlPathEqualTo("/big"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", ETAG).withBody(big)));
        github.stubFor(get(urlPathEqualTo("/plain"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        file("{\"content\":\"first\"}");
        GitHubApi api = as("ghs_a");

        for (int i = 0; i < 2; i++) {
            assertThat(api.json(ApiRequest.get("/big")).path("content").asText())
                    .hasSize(600 * 1024);
            api.json(ApiRequest.get("/plain"));
            api.json(settings().unconditional());
        }

        assertThat(github.findAll(getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())))
                .hasSize(6)
                .allSatisfy(r -> assertThat(r.containsHeader("If-None-Match")).isFalse());
        assertThat(conditional.heldBytes()).isZero();
    }

    @Test
    void the_least_recently_used_answers_go_once_the_store_is_full() throws Exception {
        ConditionalRequests small = new ConditionalRequests(100);
        OkHttpClient http = new OkHttpClient();
        GitHubApi api = new GitHubConnection(
                        () -> http,
                        "http://127.0.0.1:" + github.port(),
                        "",
                        "pipfix/1.2.3",
                        small,
                        WriteGate.writing(java.time.Clock.systemUTC()))
                .api(new Credential.Token("ghs_a", "a"));
        for (String name : List.of("one", "two", "three")) {
            github.stubFor(get(urlPathEqualTo("/" + name))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("ETag", "\"" + name + "\"")
                            .withBody("{\"v\":\"" + "y".repeat(30) + "\"}")));
        }

        api.json(ApiRequest.get("/one"));
        api.json(ApiRequest.get("/two"));
        api.json(ApiRequest.get("/three"));

        assertThat(small.heldBytes()).isLessThanOrEqualTo(100).isPositive();
        api.json(ApiRequest.get("/one"));
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/one")))
                        .get(1)
                        .containsHeader("If-None-Match"))
                .isFalse();
        api.json(ApiRequest.get("/three"));
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/three")))
                        .get(1)
                        .getHeader("If-None-Match"))
                .isEqualTo("\"three\"");
    }

    @Test
    void error_statuses_become_one_exception_with_the_request_the_status_githubs_message_and_the_headers() {
        github.stubFor(get(urlPathEqualTo("/repos/o/r/actions/jobs/7/logs"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", "1764669600")
                        .withBody("{\"message\":\"API rate limit exceeded for installation ID 4242.\"}")));
        github.stubFor(get(urlPathEqualTo("/app/installations/9/access_tokens"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        github.stubFor(get(urlPathEqualTo("/app"))
                .willReturn(aResponse().withStatus(401).withBody("{}")));
        github.stubFor(get(urlPathEqualTo("/proxy"))
                .willReturn(aResponse().withStatus(502).withBody("<html><body>" + "Bad gateway ".repeat(5000))));
        GitHubApi api = as("ghs_a");

        assertThatThrownBy(() -> api.read(ApiRequest.get("/repos/{repo}/actions/jobs/{id}/logs", "o/r", 7), in -> 1))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage())
                            .isEqualTo("GET /repos/o/r/actions/jobs/7/logs answered 403: API rate limit exceeded"
                                    + " for installation ID 4242.");
                    assertThat(e.headers()).containsEntry("x-ratelimit-remaining", List.of("0"));
                });
        assertThatThrownBy(() -> api.json(ApiRequest.get("/app/installations/{id}/access_tokens", 9)
                        .notFound("no such installation")))
                .hasMessage("GET /app/installations/9/access_tokens answered 404: no such installation");
        assertThatThrownBy(() -> api.json(ApiRequest.get("/app")))
                .hasMessage("GET /app answered 401: GitHub refused the token (expired, revoked, or without access"
                        + " to this repository)");
        assertThatThrownBy(() -> api.json(ApiRequest.get("/proxy")))
                .isInstanceOfSatisfying(
                        GitHubApiException.class,
                        e -> assertThat(e.getMessage())
                                .startsWith("GET /proxy answered 502: <html><body>Bad gateway")
                                .hasSizeLessThan(400));
    }

    @Test
    void a_404_can_be_an_answer_rather_than_an_error() throws Exception {
        github.stubFor(get(urlPathEqualTo("/repos/o/r/issues/comments/5"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        assertThat(as("ghs_a").jsonUnlessMissing(ApiRequest.get("/repos/{repo}/issues/comments/{id}", "o/r", 5)))
                .isEmpty();
        assertThat(as("ghs_a")
                        .readUnlessMissing(
                                ApiRequest.get("/repos/{repo}/issues/comments/{id}", "o/r", 5), in -> "read"))
                .isEqualTo(Optional.empty());
    }

    @Test
    void github_api_calls_are_signed_the_same_way_and_their_errors_mapped_to_the_same_exception() {
        github.stubFor(get(urlPathEqualTo("/repos/o/r"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Retry-After", "30")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}")));

        assertThatThrownBy(() -> as("ghs_a").viaGitHubApi("GET /repos/o/r", gitHub -> gitHub.getRepository("o/r")))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.headers()).containsKey("retry-after");
                });
        LoggedRequest request =
                github.findAll(getRequestedFor(urlPathEqualTo("/repos/o/r"))).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer ghs_a");
        assertThat(request.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(request.getHeader("User-Agent")).isEqualTo("pipfix/1.2.3");
    }

    @Test
    void pages_follow_the_link_header_until_the_reader_has_enough() throws Exception {
        String base = "http://127.0.0.1:" + github.port();
        for (int page = 1; page <= 3; page++) {
            github.stubFor(get(urlPathEqualTo("/items"))
                    .withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Link", "<" + base + "/items?per_page=2&page=" + (page + 1) + ">; rel=\"next\"")
                            .withBody("[" + page + "]")));
        }
        List<Integer> seen = new ArrayList<>();

        as("ghs_a").pages(ApiRequest.get("/items").query("per_page", 2), 10, page -> {
            seen.add(page.get(0).asInt());
            return seen.size() < 2;
        });
        List<Integer> bounded = new ArrayList<>();
        as("ghs_a")
                .pages(
                        ApiRequest.get("/items").query("per_page", 2),
                        3,
                        page -> bounded.add(page.get(0).asInt()));

        assertThat(seen).containsExactly(1, 2);
        assertThat(bounded).containsExactly(1, 2, 3);
    }

    @Test
    void a_path_part_cannot_climb_out_of_its_place() {
        assertThatThrownBy(() -> ApiRequest.post("/app-manifests/{code}/conversions", "../../app/installations"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiRequest.get("/repos/{repo}/contents/{path}", "o/r", ".github/workflows/ci.yml")
                        .name())
                .isEqualTo("GET /repos/o/r/contents/.github/workflows/ci.yml");
    }

    @Test
    void an_installation_token_github_refuses_is_renewed_once() throws IOException {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        urlPathEqualTo("/app/installations/4242/access_tokens"))
                .inScenario("tokens")
                .willSetStateTo("second")
                .willReturn(aResponse().withStatus(201).withBody("{\"token\":\"ghs_revoked\"}")));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        urlPathEqualTo("/app/installations/4242/access_tokens"))
                .inScenario("tokens")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(201).withBody("{\"token\":\"ghs_fresh\"}")));
        github.stubFor(get(urlPathEqualTo("/x"))
                .withHeader("Authorization", equalTo("token ghs_revoked"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
        github.stubFor(get(urlPathEqualTo("/x"))
                .withHeader("Authorization", equalTo("token ghs_fresh"))
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        GitHubClients clients = new GitHubClients(connection, new AppJwt("123456", key(), clock), clock);

        JsonNode answer = clients.forInstallation(4242).json(ApiRequest.get("/x"));

        assertThat(answer.path("ok").asBoolean()).isTrue();
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/x")))).hasSize(2);
    }

    @Test
    void in_a_dry_run_the_gate_refuses_every_write_by_any_method_and_lets_credential_requests_through()
            throws Exception {
        // given a connection that runs dry, and a GitHub that would accept anything
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{}")));
        GitHubApi dry = connection
                .withGate(WriteGate.dryRun(java.time.Clock.systemUTC()))
                .api(new Credential.Token("ghs_dry", "dry"));

        // when / then: each write is refused before it leaves, whatever its method
        for (ApiRequest write : List.of(
                ApiRequest.post("/repos/{repo}/issues/{n}/comments", "o/r", 1).json(java.util.Map.of("body", "x")),
                ApiRequest.patch("/repos/{repo}/issues/comments/{id}", "o/r", 2).json(java.util.Map.of("body", "x")),
                ApiRequest.put("/repos/{repo}/contents/{path}", "o/r", "ci.yml").json(java.util.Map.of()),
                ApiRequest.delete("/repos/{repo}/pulls/comments/{id}", "o/r", 3))) {
            assertThatThrownBy(() -> dry.json(write)).isInstanceOf(WriteGate.DryRunException.class);
        }
        // and getting a token is not a write
        dry.json(ApiRequest.post("/app/installations/{id}/access_tokens", 4242).access());
        assertThat(github.getAllServeEvents())
                .extracting(e -> e.getRequest().getMethod().getName() + " "
                        + e.getRequest().getUrl())
                .containsExactly("POST /app/installations/4242/access_tokens");
    }

    @Test
    void writes_take_a_slot_of_the_budget_and_past_it_wait_for_the_next_minute() throws Exception {
        // given a gate that allows two writes a minute
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(aResponse().withStatus(204)));
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
        GitHubApi api = connection
                .withGate(new WriteGate(false, new WriteBudget(2, clock)))
                .api(new Credential.Token("ghs_b", "b"));

        // when
        api.json(ApiRequest.delete("/repos/{repo}/pulls/comments/{id}", "o/r", 1));
        api.json(ApiRequest.put("/repos/{repo}/contents/{path}", "o/r", "ci.yml"));

        // then the third waits, whatever its method, and reads never do
        assertThatThrownBy(() -> api.json(ApiRequest.patch("/repos/{repo}/issues/comments/{id}", "o/r", 2)))
                .isInstanceOf(RetryLaterException.class);
        api.json(ApiRequest.get("/repos/{repo}", "o/r"));
        clock.advance(java.time.Duration.ofMinutes(1));
        api.json(ApiRequest.patch("/repos/{repo}/issues/comments/{id}", "o/r", 2));
    }
}
