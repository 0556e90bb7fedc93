package dev.pipfix.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.metrics.Metrics;
import dev.pipfix.queue.BatchingIntake;
import dev.pipfix.queue.CompletedRun;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.queue.Migrations;
import dev.pipfix.queue.ReachableDatabase;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.TestQueues;
import dev.pipfix.testing.WebhookOnlySite;
import dev.pipfix.testing.WebhookSender;
import io.javalin.Javalin;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every outcome of {@code POST /webhook}, over real HTTP with real HMAC signatures. */
class WebhookEndpointTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final String FAILURE = "workflow_run-completed-failure-same-repo.json";

    private DurableRunQueue queue;
    private BatchingIntake intake;
    private Javalin app;
    private WebhookSender sender;

    @BeforeEach
    void start() throws Exception {
        startWith(new WebhookSignature(SECRET));
    }

    private void startWith(WebhookSignature signature) throws Exception {
        // a real H2 database in memory holds the delivery log and the queue, whose worker is not started: the tests
        // read what was queued
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Migrations.apply(dataSource, Database.Dialect.H2);
        queue = TestQueues.unstarted(dataSource, Database.Dialect.H2);
        intake = new BatchingIntake(
                new ReachableDatabase(dataSource, Clock.systemUTC()), queue, Duration.ofSeconds(10), 1);
        WebhookReceiver receiver = new WebhookReceiver(signature, intake, Clock.systemUTC());
        app = WebApp.create(new WebhookOnlySite(receiver), new Metrics(), Clock.systemUTC(), 1_000)
                .start("127.0.0.1", 0);
        sender = new WebhookSender("http://127.0.0.1:" + app.port() + "/webhook", SECRET);
    }

    @AfterEach
    void stop() {
        app.stop();
        intake.close();
    }

    private List<CompletedRun> queued() {
        return queue.waiting();
    }

    @Test
    void POST_webhook_with_a_signed_ping_gives_200() throws Exception {
        HttpResponse<String> response = sender.deliver("ping", Fixtures.payload("ping.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("result").asText()).isEqualTo("pong");
    }

    @Test
    void POST_webhook_with_a_bad_signature_gives_401_and_queues_nothing() throws Exception {
        byte[] body = Fixtures.payload(FAILURE);

        HttpResponse<String> response = sender.send(sender.request(body)
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .header("X-Hub-Signature-256", new WebhookSignature("another secret").sign(body)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("reason").asText()).contains("does not match");
        assertThat(queued()).isEmpty();
    }

    @Test
    void POST_webhook_with_a_body_changed_after_signing_gives_401() {
        byte[] body = Fixtures.payload(FAILURE);
        String signature = sender.sign(body);
        byte[] tampered =
                new String(body, StandardCharsets.UTF_8).replace("4242", "4243").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = sender.send(sender.request(tampered)
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .header("X-Hub-Signature-256", signature));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void POST_webhook_without_a_signature_gives_401() throws Exception {
        HttpResponse<String> response = sender.send(sender.request(Fixtures.payload(FAILURE))
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("reason").asText()).contains("X-Hub-Signature-256 is missing");
    }

    @Test
    void POST_webhook_without_event_or_delivery_header_gives_400() throws Exception {
        byte[] body = Fixtures.payload(FAILURE);

        HttpResponse<String> noEvent = sender.send(sender.request(body)
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .header("X-Hub-Signature-256", sender.sign(body)));
        HttpResponse<String> noDelivery = sender.send(sender.request(body)
                .header("X-GitHub-Event", "workflow_run")
                .header("X-Hub-Signature-256", sender.sign(body)));

        assertThat(noEvent.statusCode()).isEqualTo(400);
        assertThat(json(noEvent).path("reason").asText()).isEqualTo("X-GitHub-Event is missing");
        assertThat(noDelivery.statusCode()).isEqualTo(400);
        assertThat(json(noDelivery).path("reason").asText()).isEqualTo("X-GitHub-Delivery is missing");
    }

    @Test
    void POST_webhook_with_a_delivery_id_longer_than_the_log_holds_gives_400() throws Exception {
        HttpResponse<String> response = sender.deliver("workflow_run", "d".repeat(101), Fixtures.payload(FAILURE));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("reason").asText()).contains("longer than 100 characters");
        assertThat(queued()).isEmpty();
    }

    @Test
    void POST_webhook_with_a_body_that_is_not_json_gives_400() throws Exception {
        HttpResponse<String> response =
                sender.deliver("workflow_run", "action=completed&workflow_run=1".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("reason").asText()).startsWith("the body is not JSON");
    }

    @Test
    void POST_webhook_with_json_that_is_not_the_claimed_event_gives_400() throws Exception {
        HttpResponse<String> array = sender.deliver("workflow_run", "[1,2]".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> pingAsRun = sender.deliver("workflow_run", Fixtures.payload("ping.json"));
        HttpResponse<String> runAsPing =
                sender.deliver("ping", "{\"action\":\"completed\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> noRunId = sender.deliver(
                "workflow_run",
                Fixtures.text("payloads/" + FAILURE)
                        .replace("\"id\": 680634037", "\"id\": \"680634037\"")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(pingAsRun.statusCode()).isEqualTo(400);
        assertThat(json(pingAsRun).path("reason").asText()).contains("no workflow_run object");
        assertThat(runAsPing.statusCode()).isEqualTo(400);
        assertThat(noRunId.statusCode()).isEqualTo(400);
        assertThat(json(noRunId).path("reason").asText()).contains("workflow_run.id is missing");
        assertThat(queued()).isEmpty();
    }

    @Test
    void POST_webhook_without_installation_queues_the_run_for_the_worker_to_find_the_installation() throws Exception {
        // given a payload shaped like GitHub's published examples: no installation, empty run name, no attempt
        HttpResponse<String> response = sender.deliver(
                "workflow_run", Fixtures.payload("workflow_run-completed-failure-repository-webhook.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(queued()).singleElement().satisfies(run -> {
            assertThat(run.installationId()).isNull();
            assertThat(run.workflowName()).isEqualTo("CI");
            assertThat(run.runAttempt()).isEqualTo(1);
        });
    }

    @Test
    void POST_webhook_with_a_body_over_25_MB_gives_413_before_the_body_is_sent() throws Exception {
        // a raw connection: the answer is read after the headers, before any of the body goes out (an HTTP client
        // still writing 25 MB may see the connection close under it and report no answer at all)
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "X-GitHub-Event: workflow_run\r\nX-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958\r\n"
                                    + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n"
                                    + "Content-Length: " + (WebApp.MAX_BODY_BYTES + 1) + "\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        assertThat(queued()).isEmpty();
    }

    @Test
    void POST_webhook_with_a_chunked_body_over_25_MB_gives_413() throws Exception {
        Supplier<InputStream> endless = () -> new InputStream() {
            private long left = WebApp.MAX_BODY_BYTES + 10L;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }
        };

        HttpResponse<String> response = sender.send(sender.request(new byte[0])
                .POST(HttpRequest.BodyPublishers.ofInputStream(endless))
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .header("X-Hub-Signature-256", "sha256=00"));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void POST_webhook_with_an_event_we_do_not_act_on_gives_202_with_the_reason() throws Exception {
        HttpResponse<String> response =
                sender.deliver("push", "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("result").asText()).isEqualTo("ignored");
        assertThat(json(response).path("reason").asText()).isEqualTo("event 'push' is not one pipfix acts on");
    }

    @Test
    void POST_webhook_with_a_requested_or_cancelled_run_gives_202_and_queues_nothing() throws Exception {
        HttpResponse<String> requested =
                sender.deliver("workflow_run", Fixtures.payload("workflow_run-requested-same-repo.json"));
        HttpResponse<String> cancelled = sender.deliver(
                "workflow_run",
                Fixtures.text("payloads/workflow_run-completed-success-same-repo.json")
                        .replace("\"conclusion\": \"success\"", "\"conclusion\": \"cancelled\"")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(requested.statusCode()).isEqualTo(202);
        assertThat(json(requested).path("reason").asText()).contains("action 'requested'");
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(json(cancelled).path("reason").asText()).contains("conclusion 'cancelled'");
        assertThat(queued()).isEmpty();
    }

    @Test
    void POST_webhook_with_a_successful_run_queues_it_to_resolve_an_earlier_comment() throws Exception {
        HttpResponse<String> success =
                sender.deliver("workflow_run", Fixtures.payload("workflow_run-completed-success-same-repo.json"));

        assertThat(success.statusCode()).isEqualTo(202);
        assertThat(json(success).path("reason").asText()).contains("to resolve an earlier comment");
        assertThat(queued())
                .singleElement()
                .satisfies(run -> assertThat(run.succeeded()).isTrue());
    }

    @Test
    void POST_webhook_with_a_failed_run_gives_202_and_queues_the_run() throws Exception {
        HttpResponse<String> response =
                sender.deliver("workflow_run", "d2f5f0a0-c6c1-11f0-8e3b-1a2b3c4d5e6f", Fixtures.payload(FAILURE));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("result").asText()).isEqualTo("queued");
        assertThat(queued()).singleElement().satisfies(run -> {
            assertThat(run.deliveryId()).isEqualTo("d2f5f0a0-c6c1-11f0-8e3b-1a2b3c4d5e6f");
            assertThat(run.installationId()).isEqualTo(4242);
            assertThat(run.repository()).isEqualTo("octo-org/octo-repo");
            assertThat(run.runId()).isEqualTo(680634037);
            assertThat(run.runAttempt()).isEqualTo(1);
            assertThat(run.workflowId()).isEqualTo(7087581);
            assertThat(run.workflowName()).isEqualTo("CI");
            assertThat(run.workflowPath()).isEqualTo(".github/workflows/ci.yml");
            assertThat(run.headSha()).isEqualTo("6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a");
            // the payload also lists a pull request of another repository with the same head commit
            assertThat(run.pullRequests()).containsExactly(42);
            assertThat(run.fromFork()).isFalse();
        });
    }

    @Test
    void POST_webhook_with_a_timed_out_run_queues_it() throws Exception {
        sender.deliver("workflow_run", Fixtures.payload("workflow_run-completed-timed_out-same-repo.json"));

        assertThat(queued())
                .singleElement()
                .satisfies(run -> assertThat(run.conclusion()).isEqualTo("timed_out"));
    }

    @Test
    void POST_webhook_with_a_fork_run_queues_it_without_its_pull_requests() throws Exception {
        sender.deliver("workflow_run", Fixtures.payload("workflow_run-completed-failure-fork.json"));

        assertThat(queued()).singleElement().satisfies(run -> {
            assertThat(run.fromFork()).isTrue();
            assertThat(run.headOwner()).isEqualTo("contributor");
            assertThat(run.headBranch()).isEqualTo("fix-deps");
            assertThat(run.pullRequests()).isEmpty();
        });
    }

    @Test
    void POST_webhook_with_a_delivery_seen_before_gives_202_duplicate_and_queues_nothing_more() throws Exception {
        for (int i = 0; i < 10; i++) {
            sender.deliver("workflow_run", "0b3c5e1a-c6c1-11f0-9d3e-1a2b3c4d5e6f", Fixtures.payload(FAILURE));
        }
        HttpResponse<String> again =
                sender.deliver("workflow_run", "0b3c5e1a-c6c1-11f0-9d3e-1a2b3c4d5e6f", Fixtures.payload(FAILURE));

        assertThat(queued()).hasSize(1);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).path("result").asText()).isEqualTo("duplicate");
    }

    @Test
    void unsigned_deliveries_are_accepted_only_when_explicitly_allowed() throws Exception {
        stop();
        startWith(null);

        HttpResponse<String> response = sender.send(sender.request(Fixtures.payload(FAILURE))
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(queued()).hasSize(1);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return new ObjectMapper().readTree(response.body());
    }
}
