package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.pipfix.setup.SetupCode;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.WebhookSender;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * From a new install to an App that acts, over real HTTP: the setup page, the hop to GitHub with the manifest, GitHub's
 * callback and the code exchange (WireMock standing in for GitHub), credentials saved and used without a restart.
 */
class FirstRunTest {

    private static final String PUBLIC_URL = "https://pipfix.example.net";
    private static final String WEBHOOK_SECRET = "e340154128314309424b7c8e90325147d99fdafa";
    private static final Pattern ACTION =
            Pattern.compile("<form id=\"manifest-form\" method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern MANIFEST = Pattern.compile("name=\"manifest\" value=\"([^\"]+)\"");

    @TempDir
    Path dataDir;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();
    private GitHubSimulator github;
    private PipfixServer server;
    private String base;
    private ListAppender<ILoggingEvent> capture;
    private ListAppender<ILoggingEvent> logs;
    private Level rootLevel;
    private Level pipfixLevel;

    @BeforeEach
    void start() {
        logs = captureLogs();
        github = new GitHubSimulator(Clock.systemUTC());
        // a new install: no APP_ID, no key, no secret
        Config config = Config.builder()
                .listen("127.0.0.1", 0)
                .github(github.apiUrl(), github.apiUrl())
                .publicUrl(PUBLIC_URL)
                .dataDir(dataDir)
                .build();
        server = new PipfixServer(config, Clock.systemUTC()).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        github.close();
        if (capture != null) {
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAppender(capture);
            root.setLevel(rootLevel);
            pipfixLogger().setLevel(pipfixLevel);
        }
    }

    @Test
    void a_new_install_serves_the_setup_page_and_answers_webhooks_that_it_is_not_set_up() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body())
                .contains("<code>actions: read</code> Read your workflow runs")
                .contains("<code>pull_requests: write</code> Comment on the pull request")
                .contains("<code>workflow_run</code>")
                .contains("<code id=\"webhook-url\">https://pipfix.example.net/webhook</code>")
                .contains("action=\"/setup/start\"")
                .contains("Register GitHub App");
        HttpResponse<String> webhook =
                new WebhookSender(base + "/webhook", "any secret").deliver("ping", Fixtures.payload("ping.json"));
        assertThat(webhook.statusCode()).isEqualTo(503);
        assertThat(webhook.body()).contains("not set up yet");
        JsonNode health = json.readTree(get("/healthz").body());
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("scheduler").asText()).contains("not registered yet");
    }

    @Test
    void allowing_fix_commits_asks_github_for_what_committing_a_workflow_file_needs() throws Exception {
        // when the owner ticks "allow pipfix to commit its fix when asked"
        HttpResponse<String> page = get("/");
        HttpResponse<String> hop =
                post("/setup/start", Map.of("setup_code", setupCode(), "name", "pipfix-octo", "allow_commits", "true"));

        // then the page said what it adds, and the manifest asks for it; without the box it stays read-only
        assertThat(page.body()).contains("id=\"allow_commits\"").contains("<code>workflows: write</code>");
        JsonNode manifest = json.readTree(unescape(find(MANIFEST, hop.body())));
        assertThat(manifest.path("default_permissions").path("contents").asText())
                .isEqualTo("write");
        assertThat(manifest.path("default_permissions").path("workflows").asText())
                .isEqualTo("write");
        assertThat(manifest.path("default_permissions").path("pull_requests").asText())
                .isEqualTo("write");
        assertThat(manifest.path("default_events").toString())
                .contains("workflow_run")
                .contains("issue_comment");
        HttpResponse<String> readOnly = post("/setup/start", Map.of("setup_code", setupCode(), "name", "pipfix-octo"));
        JsonNode plain = json.readTree(unescape(find(MANIFEST, readOnly.body())));
        assertThat(plain.path("default_permissions").path("contents").asText()).isEqualTo("read");
        assertThat(plain.path("default_permissions").has("workflows")).isFalse();
        assertThat(plain.path("default_permissions").has("members"))
                .as("an App on a personal account has no organization to read")
                .isFalse();
    }

    @Test
    void registering_saves_the_credentials_for_the_owner_only_and_pipfix_acts_as_the_app_without_a_restart()
            throws Exception {
        String pem = Fixtures.text("keys/app-pkcs1.pem");
        github.manifestConversion("a94a8fe5ccb19ba61c4c", 2741, "pipfix-octo", pem, WEBHOOK_SECRET);
        github.app("pipfix-octo", "octo-org");

        // when the form is sent for an organization
        HttpResponse<String> hop = post(
                "/setup/start", Map.of("setup_code", setupCode(), "organization", "octo-org", "name", "pipfix-octo"));

        // then the browser is handed a form that posts the manifest to GitHub, with a state
        assertThat(hop.statusCode()).isEqualTo(200);
        String action = unescape(find(ACTION, hop.body()));
        assertThat(action).startsWith(github.apiUrl() + "/organizations/octo-org/settings/apps/new?state=");
        String state = action.substring(action.indexOf("state=") + "state=".length());
        assertThat(state).hasSizeGreaterThanOrEqualTo(32);
        JsonNode manifest = json.readTree(unescape(find(MANIFEST, hop.body())));
        assertThat(manifest.path("name").asText()).isEqualTo("pipfix-octo");
        assertThat(manifest.path("hook_attributes").path("url").asText()).isEqualTo(PUBLIC_URL + "/webhook");
        assertThat(manifest.path("redirect_url").asText()).isEqualTo(PUBLIC_URL + "/setup/callback");
        assertThat(manifest.path("callback_urls").get(0).asText()).isEqualTo(PUBLIC_URL + "/auth/callback");
        assertThat(manifest.path("default_permissions").path("pull_requests").asText())
                .isEqualTo("write");
        // an organization's App reads its owners' role, so that they can sign in to the status page, and says so
        assertThat(manifest.path("default_permissions").path("members").asText())
                .isEqualTo("read");
        assertThat(get("/").body()).contains("<code>members: read</code>");
        assertThat(manifest.path("default_events").get(0).asText()).isEqualTo("workflow_run");

        // when GitHub sends the browser back with a code
        HttpResponse<String> done = get("/setup/callback?code=a94a8fe5ccb19ba61c4c&state=" + state);

        // then the next step is to install the App, and the credentials are saved for the owner only
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body())
                .contains("href=\"https://github.com/apps/pipfix-octo/installations/new\"")
                .contains("heroku config:set APP_ID=2741 WEBHOOK_SECRET=" + WEBHOOK_SECRET + " PRIVATE_KEY=");
        assertThat(done.headers().firstValue("Cache-Control")).hasValue("no-store");
        Path saved = dataDir.resolve(".env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(saved))
                .contains("APP_ID='2741'")
                .contains("WEBHOOK_SECRET='" + WEBHOOK_SECRET)
                .doesNotContain("BEGIN RSA PRIVATE KEY");
        // and pipfix acts as the App at once: the new secret authenticates deliveries
        HttpResponse<String> ping =
                new WebhookSender(base + "/webhook", WEBHOOK_SECRET).deliver("ping", Fixtures.payload("ping.json"));
        assertThat(ping.statusCode()).isEqualTo(200);
        // and its status page is for its owner, who signs in with the App's own OAuth client
        HttpResponse<String> status = get("/");
        assertThat(status.body())
                .doesNotContain(WEBHOOK_SECRET)
                .doesNotContain("PRIVATE_KEY")
                .doesNotContain(
                        ping.request().headers().firstValue("X-GitHub-Delivery").orElseThrow())
                .contains("href=\"/auth/signin\"");
        assertThat(get("/auth/signin").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location)
                        .startsWith(github.apiUrl() + "/login/oauth/authorize?client_id=Iv23liQ1yDn0aZEoXbzr&"));
        assertThat(json.readTree(get("/healthz").body()).path("scheduler").asText())
                .isEqualTo("running");
        // and the setup code is gone
        assertThat(SetupCode.file(dataDir)).doesNotExist();
        // and the setup pages are closed
        assertThat(post("/setup/start", Map.of("organization", "")).statusCode())
                .isEqualTo(409);
        assertThat(get("/setup/callback?code=a94a8fe5ccb19ba61c4c&state=" + state)
                        .statusCode())
                .isEqualTo(409);
        // and the next start reads the saved credentials
        Config restarted = ConfigLoader.load(Map.of("DATA_DIR", dataDir.toString()), dataDir.resolve("absent.env"));
        assertThat(restarted.configured()).isTrue();
        assertThat(restarted.appId()).isEqualTo("2741");
        assertThat(restarted.webhookSecret()).isEqualTo(WEBHOOK_SECRET);
        // and no secret reached the log
        assertThat(logged())
                .contains("registered and installed App id=2741")
                .doesNotContain(WEBHOOK_SECRET)
                .doesNotContain("1726be1638095a19edd134c77bde3aa2ece1e5d8")
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void a_callback_whose_state_was_not_issued_here_is_refused_without_asking_github() throws Exception {
        // the browser holds the same forged state as the link: only this server's own states count
        setupStateCookie = "pipfix_setup_state=forged-state-forged-state-forged-st";
        HttpResponse<String> page =
                get("/setup/callback?code=a94a8fe5ccb19ba61c4c&state=forged-state-forged-state-forged-st");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("This link did not come from here");
        assertThat(github.apiCalls()).noneMatch(call -> call.contains("/app-manifests/"));
        assertThat(dataDir.resolve(".env")).doesNotExist();
    }

    @Test
    void a_used_or_expired_code_is_explained_and_its_state_cannot_be_replayed() throws Exception {
        String state = startRegistration();

        // GitHub answers 404 for a code it does not know (nothing is stubbed for it)
        HttpResponse<String> page = get("/setup/callback?code=0000expired&state=" + state);
        HttpResponse<String> again = get("/setup/callback?code=0000expired&state=" + state);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body())
                .contains("GitHub did not accept the registration code")
                .contains("answered 404")
                .contains("works once, within an hour");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This link did not come from here");
    }

    @Test
    void github_failing_during_the_exchange_is_explained_and_reloading_the_page_finishes_the_setup() throws Exception {
        String state = startRegistration();
        StubMapping outage = github.api()
                .stubFor(WireMock.post(urlPathEqualTo("/app-manifests/c0ffee/conversions"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>")));

        HttpResponse<String> failed = get("/setup/callback?code=c0ffee&state=" + state);

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).contains("GitHub could not be reached").contains("reload this page");
        // when GitHub is back and the page is reloaded
        github.api().removeStub(outage);
        github.manifestConversion("c0ffee", 2741, "pipfix-octo", Fixtures.text("keys/app-pkcs1.pem"), WEBHOOK_SECRET);
        HttpResponse<String> reloaded = get("/setup/callback?code=c0ffee&state=" + state);
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body()).contains("pipfix is registered");
    }

    @Test
    void an_organization_that_is_not_a_github_login_is_refused_on_the_setup_page() throws Exception {
        HttpResponse<String> page =
                post("/setup/start", Map.of("setup_code", setupCode(), "organization", "octo org\"><script>"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body())
                .contains("is not a GitHub organization name")
                .doesNotContain("<script>")
                .contains("&lt;script&gt;");
    }

    @Test
    void a_registration_for_the_signed_in_user_posts_to_the_personal_settings() throws Exception {
        HttpResponse<String> hop =
                post("/setup/start", Map.of("setup_code", setupCode(), "organization", "", "name", ""));

        assertThat(unescape(find(ACTION, hop.body()))).startsWith(github.apiUrl() + "/settings/apps/new?state=");
        assertThat(json.readTree(unescape(find(MANIFEST, hop.body())))
                        .path("name")
                        .asText())
                .isEqualTo("pipfix");
    }

    private String startRegistration() throws Exception {
        String action = unescape(find(
                ACTION,
                post("/setup/start", Map.of("setup_code", setupCode(), "organization", "octo-org"))
                        .body()));
        return action.substring(action.indexOf("state=") + "state=".length());
    }

    @Test
    void registering_needs_the_one_time_setup_code_from_the_log_or_data_dir() throws Exception {
        // given the code this start printed and saved for the owner only
        Path file = SetupCode.file(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String code = setupCode();
        assertThat(code).matches("[A-Z2-9]{5}(-[A-Z2-9]{5}){3}");
        assertThat(logged()).contains("setup code " + code + " (also in " + file + ")");
        assertThat(get("/").body()).contains("name=\"setup_code\"").contains("DATA_DIR/setup-code");

        // when a stranger asks to register without it, with a wrong one, or claims to be this machine
        HttpResponse<String> none = post("/setup/start", Map.of("organization", "octo-org"));
        HttpResponse<String> wrong = post("/setup/start", Map.of("setup_code", "AAAAA-BBBBB-CCCCC-DDDDD"));
        HttpResponse<String> forwarded = http.send(
                HttpRequest.newBuilder(URI.create(base + "/setup/start"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Forwarded-For", "127.0.0.1")
                        .header("Forwarded", "for=127.0.0.1")
                        .POST(HttpRequest.BodyPublishers.ofString("organization=octo-org"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then no manifest comes back, and the page says where the code is
        for (HttpResponse<String> refused : java.util.List.of(none, wrong, forwarded)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body())
                    .doesNotContain("name=\"manifest\"")
                    .contains("not this server&#39;s setup code")
                    .contains("DATA_DIR/setup-code")
                    .contains("in its log");
        }
        assertThat(setupCode()).isEqualTo(code);

        // when the owner gives it, typed in lower case with spaces
        HttpResponse<String> owner = post(
                "/setup/start",
                Map.of(
                        "setup_code",
                        " " + code.toLowerCase(java.util.Locale.ROOT).replace("-", " ") + " ",
                        "organization",
                        "octo-org"));

        // then the manifest goes to GitHub, and the code is used up: the next one is saved and logged
        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(owner.body()).contains("id=\"manifest-form\"");
        assertThat(post("/setup/start", Map.of("setup_code", code)).statusCode())
                .isEqualTo(403);
        String next = setupCode();
        assertThat(next).isNotEqualTo(code);
        assertThat(logged()).contains(next);
        assertThat(post("/setup/start", Map.of("setup_code", next)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_server_only_this_machine_can_reach_asks_no_setup_code_of_this_machine() throws Exception {
        // given a server whose PUBLIC_URL is a loopback address (local development)
        restartReachedAtLocalhost();

        // when this machine opens the page and registers without a code
        HttpResponse<String> page = get("/");
        HttpResponse<String> hop = post("/setup/start", Map.of("organization", "octo-org"));

        // then it is not asked for one
        assertThat(page.body()).doesNotContain("name=\"setup_code\"");
        assertThat(hop.statusCode()).isEqualTo(200);
        assertThat(hop.body()).contains("id=\"manifest-form\"");
    }

    @Test
    void a_loopback_server_reached_through_a_proxy_or_by_another_name_asks_for_the_setup_code() throws Exception {
        // given a server whose PUBLIC_URL was left at its loopback default
        restartReachedAtLocalhost();

        // when a tunnel on this machine passes a stranger's request on, or one names another host
        for (Map.Entry<String, String> header : Map.of(
                        "X-Forwarded-For", "203.0.113.7",
                        "Forwarded", "for=203.0.113.7",
                        "CF-Connecting-IP", "203.0.113.7",
                        "Via", "1.1 tunnel")
                .entrySet()) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/"))
                            .header(header.getKey(), header.getValue())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            // then the page asks for the code
            assertThat(page.body()).as(header.getKey()).contains("name=\"setup_code\"");
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream()
                    .write("GET / HTTP/1.1\r\nHost: pipfix.example.com\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).contains("name=\"setup_code\"");
        }
    }

    @Test
    void a_callback_in_a_browser_that_did_not_start_the_registration_is_refused() throws Exception {
        // given a registration started in one browser
        github.manifestConversion(
                "a94a8fe5ccb19ba61c4c", 123456, "pipfix-octo", Fixtures.text("keys/app-pkcs1.pem"), "whsec");
        HttpResponse<String> hop = post("/setup/start", Map.of("setup_code", setupCode(), "name", "pipfix-octo"));
        String action = unescape(find(Pattern.compile("action=\"([^\"]+)\""), hop.body()));
        String state = action.substring(action.indexOf("state=") + "state=".length());

        // when the link GitHub sent back is opened in another browser (no cookie, or another's)
        setupStateCookie = null;
        HttpResponse<String> elsewhere = get("/setup/callback?code=a94a8fe5ccb19ba61c4c&state=" + state);
        setupStateCookie = "pipfix_setup_state=someone-elses";
        HttpResponse<String> other = get("/setup/callback?code=a94a8fe5ccb19ba61c4c&state=" + state);

        // then nothing is registered and GitHub is not asked
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("did not come from this browser");
        assertThat(github.apiCalls()).noneMatch(call -> call.contains("/conversions"));
    }

    /** The server again, with {@code PUBLIC_URL} at a loopback address (local development, or left at its default). */
    private void restartReachedAtLocalhost() {
        server.close();
        Config local = Config.builder()
                .listen("127.0.0.1", 0)
                .github(github.apiUrl(), github.apiUrl())
                .publicUrl("http://localhost:3000")
                .dataDir(dataDir)
                .build();
        server = new PipfixServer(local, Clock.systemUTC()).start();
        base = "http://127.0.0.1:" + server.port();
    }

    private String setupCode() throws java.io.IOException {
        return Files.readString(SetupCode.file(dataDir)).strip();
    }

    private String logged() {
        // the appender adds under its own lock while the server logs on other threads
        List<ILoggingEvent> events;
        synchronized (logs) {
            events = new java.util.ArrayList<>(logs.list);
        }
        return String.join(
                "\n", events.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    /** The browser's setup-state cookie, as the last registration set it. */
    private String setupStateCookie;

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (setupStateCookie != null) {
            request.header("Cookie", setupStateCookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("pipfix_setup_state="))
                .findFirst()
                .ifPresent(cookie -> setupStateCookie = cookie.substring(0, cookie.indexOf(';')));
        return response;
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** Every line pipfix and its libraries log, at every level, for the rest of the test. */
    private ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        rootLevel = root.getLevel();
        pipfixLevel = pipfixLogger().getLevel();
        root.setLevel(Level.DEBUG);
        pipfixLogger().setLevel(Level.DEBUG);
        capture = appender;
        return appender;
    }

    private static Logger pipfixLogger() {
        return (Logger) LoggerFactory.getLogger("dev.pipfix");
    }
}
