package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.pipfix.github.PrivateKeys;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.WebhookSender;
import dev.pipfix.web.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Everything pipfix and its libraries log at every level, through a failed run with a revoked token, catch-up with
 * the App's JWT, and deliveries with wrong signatures: no token, key, secret or Authorization value among it.
 */
class SecretsStayOutOfTheLogTest {

    private static final String SECRET = "webhook secret 7f3a9c";
    private static final String REPO = "octo-org/octo-repo";

    private static final String CLIENT_ID = "Iv23liQ1yDn0aZEoXbzr";
    private static final String CLIENT_SECRET = "1726be1638095a19edd134c77bde3aa2ece1e5d8";
    private static final String USER_TOKEN = "ghu_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String ADMIN_TOKEN = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";

    @TempDir
    Path dataDir;

    @Test
    void no_token_key_secret_or_authorization_value_reaches_the_log() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger pipfix = (Logger) LoggerFactory.getLogger("dev.pipfix");
        Level rootLevel = root.getLevel();
        Level pipfixLevel = pipfix.getLevel();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        pipfix.setLevel(Level.DEBUG);
        String pem = Fixtures.text("keys/app-pkcs1.pem");
        List<String> authorizations = new ArrayList<>();
        String session;
        try (GitHubSimulator github = new GitHubSimulator(Clock.systemUTC())) {
            // given GitHub that revokes the first installation token, and a run that gets a comment
            github.installationTokens(
                    4242, "ghs_16C7e42F292c6912E7710c838347Ae178B4a", "ghs_c0ffee9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d");
            github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/680634037/attempts/1/jobs"))
                    .atPriority(1)
                    .withHeader("Authorization", equalTo("token ghs_16C7e42F292c6912E7710c838347Ae178B4a"))
                    .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
            github.jobs(
                    REPO,
                    680634037,
                    1,
                    new GitHubSimulator.SimJob(
                            1001,
                            "test (3.12)",
                            "failure",
                            List.of(new GitHubSimulator.SimStep("Install dependencies", 3, "failure"))));
            github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
            github.file(
                    REPO,
                    ".github/workflows/ci.yml",
                    "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a",
                    Fixtures.text("e2e/ci.yml"));
            github.repository(REPO, 101);
            github.issue(REPO, 42);
            github.comments(REPO, 42);
            github.acceptNewComments(REPO, 42, 9001);
            Config config = Config.builder()
                    .app("123456", PrivateKeys.parse(pem), SECRET)
                    .listen("127.0.0.1", 0)
                    .github(github.apiUrl(), github.apiUrl())
                    .publicUrl("http://127.0.0.1")
                    .dataDir(dataDir)
                    .oauthClient(Optional.of(new Config.OAuthClient(CLIENT_ID, CLIENT_SECRET)))
                    .adminToken(Optional.of(ADMIN_TOKEN))
                    .build();
            github.app("pipfix", "octo-org");
            github.oauthCode("0c1d2e3f4a5b6c7d8e9f", USER_TOKEN);
            github.user(USER_TOKEN, "monalisa", 583231);
            github.membership(USER_TOKEN, "octo-org", "monalisa", "admin");
            github.tokenRevocation(CLIENT_ID);
            // catch-up runs at start, with the App's JWT
            PipfixServer.Options options = new PipfixServer.Options(
                    new DurableRunQueue.Settings(
                            4,
                            Duration.ofMillis(100),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(5),
                            Duration.ofHours(1)),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(2),
                    5);
            try (PipfixServer server = new PipfixServer(config, Clock.systemUTC(), options).start()) {
                String url = "http://127.0.0.1:" + server.port() + "/webhook";
                byte[] failure = Fixtures.payload("workflow_run-completed-failure-same-repo.json");

                // when deliveries come signed with the wrong secret, and then the right one
                new WebhookSender(url, "not the secret").deliver("workflow_run", failure);
                new WebhookSender(url, SECRET)
                        .send(new WebhookSender(url, SECRET)
                                .request(failure)
                                .header("X-GitHub-Event", "workflow_run")
                                .header("X-GitHub-Delivery", "no-signature-1"));
                new WebhookSender(url, SECRET).deliver("workflow_run", failure);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while ((server.runsInFlight() > 0 || github.writes().isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(github.writes()).hasSize(1);

                // and the owner signs in to the status page, and an operator reads it with ADMIN_TOKEN
                String base = "http://127.0.0.1:" + server.port();
                HttpClient browser = HttpClient.newHttpClient();
                String location = browser.send(
                                HttpRequest.newBuilder(URI.create(base + "/auth/signin"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .headers()
                        .firstValue("Location")
                        .orElseThrow();
                String state = location.replaceAll(".*[?&]state=([^&]+).*", "$1");
                HttpResponse<Void> signedIn = browser.send(
                        HttpRequest.newBuilder(
                                        URI.create(base + "/auth/callback?code=0c1d2e3f4a5b6c7d8e9f&state=" + state))
                                .header("Cookie", "pipfix_oauth_state=" + state)
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                session = signedIn.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("pipfix_session="))
                        .findFirst()
                        .orElseThrow();
                assertThat(browser.send(
                                        HttpRequest.newBuilder(URI.create(base + "/"))
                                                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body())
                        .contains("Signed in as");
            }
            github.apiRequests().forEach(request -> {
                String authorization = request.getHeader("Authorization");
                if (authorization != null) {
                    authorizations.add(authorization);
                }
            });
        } finally {
            root.detachAppender(captured);
            root.setLevel(rootLevel);
            pipfix.setLevel(pipfixLevel);
        }

        // then
        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent event : captured.list) {
            if (event.getLoggerName().toLowerCase().contains("wiremock")) {
                continue; // the simulator's own lines, not pipfix's
            }
            logged.append(event.getFormattedMessage())
                    .append(' ')
                    .append(event.getKeyValuePairs())
                    .append('\n');
            if (event.getThrowableProxy() != null) {
                logged.append(ThrowableProxyUtil.asString(event.getThrowableProxy()))
                        .append('\n');
            }
        }
        String log = logged.toString();
        assertThat(log).contains("outcome").contains("commented");
        assertThat(authorizations).anyMatch(a -> a.startsWith("Bearer ey")).anyMatch(a -> a.startsWith("token ghs_"));
        for (String authorization : authorizations) {
            assertThat(log).doesNotContain(authorization.substring(authorization.indexOf(' ') + 1));
        }
        assertThat(log)
                .contains("signed in as the App's owner")
                .doesNotContain(USER_TOKEN)
                .doesNotContain(CLIENT_SECRET)
                .doesNotContain(ADMIN_TOKEN)
                .doesNotContain(session.substring("pipfix_session=".length(), session.indexOf(';')));
        assertThat(log)
                .doesNotContain(SECRET)
                .doesNotContain("ghs_16C7e42F292c6912E7710c838347Ae178B4a")
                .doesNotContain("ghs_c0ffee9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d")
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(new WebhookSignature("not the secret")
                        .sign(Fixtures.payload("workflow_run-completed-failure-same-repo.json"))
                        .substring("sha256=".length()));
        for (String line :
                pem.lines().filter(l -> !l.startsWith("-----")).limit(5).toList()) {
            assertThat(log).doesNotContain(line);
        }
        assertThat(log.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1_000);
    }
}
