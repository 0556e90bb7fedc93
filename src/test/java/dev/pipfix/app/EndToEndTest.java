package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipfix.github.PrivateKeys;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.report.CommentMarker;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.GitHubSimulator.SimComment;
import dev.pipfix.testing.GitHubSimulator.SimJob;
import dev.pipfix.testing.ShiftedClock;
import dev.pipfix.testing.TestApps;
import dev.pipfix.testing.TestDatabases;
import dev.pipfix.testing.WebhookSender;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The shared scenario of the end-to-end tests: the real server over real HTTP, on the embedded H2 default and on
 * PostgreSQL, a signed delivery, GitHub simulated by WireMock, and the exact requests GitHub received. {@link
 * #failingRun()} stubs the usual failing run (one failed job whose log has pip's {@code [Errno 13]}, the workflow file at
 * the head SHA, pull request #42 without comments); a test changes only what differs.
 */
abstract class EndToEndTest {

    /** Short waits, so that retries and backoff happen within a test. */
    static final PipfixServer.Options FAST = new PipfixServer.Options(
            new DurableRunQueue.Settings(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), null),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            5);

    @Parameter
    String databaseKind;

    String databaseUrl;

    static final String REPO = "octo-org/octo-repo";
    static final long RUN = 680634037;
    static final String SECRET = "webhook secret for tests";
    static final String ADMIN_TOKEN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String SAME_REPO = "workflow_run-completed-failure-same-repo.json";
    static final String MARKER = CommentMarker.forWorkflow(7087581);
    static final String JOBS = "/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs";
    static final String HEAD_SHA = "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a";

    // the calls of the usual failing run, as GitHubSimulator.apiCalls() lists them
    static final String TOKEN_CALL = "POST /app/installations/4242/access_tokens";
    static final String SETTINGS_CALL = "GET /repos/" + REPO + "/contents/.github/pipfix.yml";
    static final String JOBS_CALL = "GET " + JOBS + "?per_page=100&page=1";
    static final String LOG_CALL = "GET /repos/" + REPO + "/actions/jobs/1001/logs";
    static final String WORKFLOW_CALL = "GET /repos/" + REPO + "/contents/.github/workflows/ci.yml?ref=" + HEAD_SHA;

    @TempDir
    Path dataDir;

    final ShiftedClock clock = new ShiftedClock();
    GitHubSimulator github;
    PipfixServer server;
    WebhookSender sender;
    RSAPrivateCrtKey key;

    @BeforeEach
    void start() throws Exception {
        databaseUrl = openDatabase(databaseKind);
        github = new GitHubSimulator(clock);
        key = (RSAPrivateCrtKey) PrivateKeys.parse(Fixtures.text("keys/app-pkcs1.pem"));
        startServer(false);
    }

    void startServer(boolean dryRun) {
        Config config = TestApps.registered(github, SECRET, dataDir)
                .databaseUrl(databaseUrl)
                .dryRun(dryRun)
                .adminToken(Optional.of(ADMIN_TOKEN))
                .build();
        server = new PipfixServer(config, clock, FAST).start();
        sender = new WebhookSender("http://127.0.0.1:" + server.port() + "/webhook", SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            server.close();
            // holds every request against GitHub's REST API description
            github.close();
        } finally {
            dropDatabase(databaseUrl);
        }
    }

    /** The {@code DATABASE_URL} the server is given: a schema of its own on the tests' PostgreSQL, or H2. */
    String openDatabase(String kind) throws Exception {
        return TestDatabases.url(kind);
    }

    void dropDatabase(String url) throws Exception {
        TestDatabases.drop(url);
    }

    /** The usual failing run, stubbed by {@link FailingRun#stub()}: a test changes only what differs. */
    FailingRun failingRun() {
        return new FailingRun();
    }

    /**
     * Run 680634037, attempt 1, of the CI workflow on pull request #42 of octo-org/octo-repo (installation 4242, token
     * {@code ghs_first}): job 1001 failed at step 3, "Install dependencies", its log has pip's {@code [Errno 13]} on the
     * user site; the workflow file is there at the head SHA; the pull request has no comment yet and a new one gets id
     * 9001.
     */
    final class FailingRun {

        private String log = "linux-self-hosted-user-site-errno13.log";
        private SimJob[] jobs = {failedJob(1001, "test (3.12)", "Install dependencies", 3)};
        private boolean workflowFile = true;
        private SimComment[] comments = {};

        /** Job 1001's log: a fixture under {@code src/test/resources/logs}. */
        FailingRun log(String fixture) {
            this.log = fixture;
            return this;
        }

        /** The attempt's jobs; job 1001 gets the log. */
        FailingRun jobs(SimJob... jobs) {
            this.jobs = jobs;
            return this;
        }

        /** GitHub answers 404 for the workflow file. */
        FailingRun withoutWorkflowFile() {
            this.workflowFile = false;
            return this;
        }

        /** The pull request's comments before the run. */
        FailingRun comments(SimComment... comments) {
            this.comments = comments;
            return this;
        }

        void stub() {
            github.installationTokens(4242, "ghs_first");
            github.jobs(REPO, RUN, 1, jobs);
            github.log(REPO, 1001, Fixtures.log(log));
            if (workflowFile) {
                github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
            }
            pullRequestWithComments(42, comments);
        }
    }

    /** Runs whose one failed job ran the tests and printed no pip error: read, and nothing to write. */
    void runsFailingWithoutPipError(long... runs) {
        for (long run : runs) {
            github.jobs(REPO, run, 1, failedJob(1001, "test (3.12)", "Run tests", 4));
        }
        github.log(REPO, 1001, Fixtures.log("linux-pytest-failure-no-pip-error.log"));
    }

    /** The jobs list fails with each answer in turn, then answers with one failed job. */
    void failThenAnswer(ResponseDefinitionBuilder... failures) {
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        // the simulator's answers to the jobs list (200, and 304 to a conditional request) give way to the faults
        var plain = github.api().getStubMappings().stream()
                .filter(m -> JOBS.equals(m.getRequest().getUrlPath()) && m.getScenarioName() == null)
                .toList();
        String jobs = plain.stream()
                .filter(m -> m.getResponse().getStatus() == 200)
                .findFirst()
                .orElseThrow()
                .getResponse()
                .getBody();
        plain.forEach(github.api()::removeStub);
        for (int i = 0; i < failures.length; i++) {
            github.stub(get(urlPathEqualTo(JOBS))
                    .inScenario("faults")
                    .whenScenarioStateIs(i == 0 ? "Started" : "fault-" + i)
                    .willSetStateTo("fault-" + (i + 1))
                    .willReturn(failures[i]));
        }
        github.stub(get(urlPathEqualTo(JOBS))
                .inScenario("faults")
                .whenScenarioStateIs("fault-" + failures.length)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(jobs)));
    }

    /** The value of the one sample of {@code name} that has all the labels. */
    static double sample(String metrics, String name, String... labels) {
        List<String> lines = metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .toList();
        assertThat(lines)
                .as("%s %s in%n%s", name, java.util.Arrays.toString(labels), metrics)
                .hasSize(1);
        return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }

    HttpResponse<String> page(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> page(String path, String authorization) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                                .header("Authorization", authorization)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    void pullRequestWithComments(int number, SimComment... comments) {
        github.repository(REPO, 101);
        github.issue(REPO, number);
        github.comments(REPO, number, comments);
        github.acceptNewComments(REPO, number, 9001);
    }

    HttpResponse<String> deliverAndWait(String payload) {
        return deliverAndWait(Fixtures.payload(payload));
    }

    HttpResponse<String> deliverAndWait(byte[] payload) {
        HttpResponse<String> response = sender.deliver("workflow_run", payload);
        awaitIdle();
        return response;
    }

    /** The fixture payload as another run of the same workflow: a later run, not a redelivery of the same one. */
    static byte[] run(String payload, long runId) {
        return Fixtures.text("payloads/" + payload)
                .replace(Long.toString(RUN), Long.toString(runId))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    void awaitIdle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.runsInFlight() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run was still being processed after 20 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static String postedBody(LoggedRequest request) throws Exception {
        return new ObjectMapper()
                .readTree(request.getBodyAsString())
                .path("body")
                .asText();
    }

    void assertAppJwt(String authorization) throws Exception {
        assertThat(authorization).startsWith("Bearer ");
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        key.getModulus(),
                        BigInteger.valueOf(key.getPublicExponent().longValue())));
        Claims claims = Jwts.parser()
                .verifyWith(publicKey)
                .clock(() -> java.util.Date.from(clock.instant()))
                .build()
                .parseSignedClaims(authorization.substring("Bearer ".length()))
                .getPayload();
        assertThat(claims.getIssuer()).isEqualTo("123456");
    }

    /** The diff in pipfix's comment. */
    static String diffOf(String comment) {
        int start = comment.indexOf("```diff\n") + "```diff\n".length();
        return comment.substring(start, comment.indexOf("\n```", start) + 1);
    }

    /** The diff applied with {@code git apply} to the file in a scratch repository. */
    String gitApply(String original, String diff) throws Exception {
        Path checkout = dataDir.resolve("checkout");
        Path file = checkout.resolve(".github/workflows/ci.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, original, StandardCharsets.UTF_8);
        Path patch = checkout.resolve("fix.patch");
        Files.writeString(patch, diff, StandardCharsets.UTF_8);
        new ProcessBuilder("git", "init", "-q")
                .directory(checkout.toFile())
                .start()
                .waitFor(30, TimeUnit.SECONDS);
        Process git = new ProcessBuilder("git", "apply", "fix.patch")
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(output).isZero();
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
