package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.metrics.Metrics;
import dev.pipfix.queue.BatchingIntake;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.DeliveryLog;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.queue.Migrations;
import dev.pipfix.queue.ReachableDatabase;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.TestQueues;
import dev.pipfix.testing.WebhookOnlySite;
import dev.pipfix.web.WebApp;
import dev.pipfix.web.WebhookReceiver;
import dev.pipfix.web.WebhookSignature;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} against a real webhook endpoint over HTTP, with each form a saved delivery comes in. */
class ReplayCommandTest {

    private static final String SECRET = "It's a Secret to Everybody";

    @TempDir
    Path dir;

    private Javalin server;
    private BatchingIntake intake;
    private DurableRunQueue queue;
    private DeliveryLog deliveries;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Migrations.apply(dataSource, Database.Dialect.H2);
        queue = TestQueues.unstarted(dataSource, Database.Dialect.H2);
        intake = new BatchingIntake(
                new ReachableDatabase(dataSource, Clock.systemUTC()), queue, Duration.ofSeconds(10), 1);
        deliveries = new DeliveryLog(dataSource);
        WebhookReceiver receiver = new WebhookReceiver(new WebhookSignature(SECRET), intake, Clock.systemUTC());
        server = WebApp.create(new WebhookOnlySite(receiver), new Metrics(), Clock.systemUTC(), 1_000)
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop();
        intake.close();
    }

    @Test
    void a_bare_payload_is_sent_signed_with_the_event_given_and_the_answer_printed() throws Exception {
        Path payload = save("payload.json", Fixtures.text("payloads/workflow_run-completed-failure-same-repo.json"));

        int status = replay(
                Map.of("WEBHOOK_SECRET", SECRET),
                payload.toString(),
                "--event",
                "workflow_run",
                "--delivery",
                "replay-1",
                "--url",
                url());

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("event=workflow_run delivery=replay-1")
                .contains("202 {\"result\":\"queued\"");
        assertThat(deliveries.seen("replay-1")).isTrue();
        assertThat(queue.waiting())
                .singleElement()
                .satisfies(run -> assertThat(run.runId()).isEqualTo(680634037));
    }

    @Test
    void githubs_delivery_json_is_replayed_with_its_own_event_and_delivery_id() throws Exception {
        int status = replay(
                Map.of("WEBHOOK_SECRET", SECRET),
                fixture("deliveries/api-delivery-workflow_run-timed-out.json"),
                "--url",
                url());

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("delivery=9a5d4f80-c6d2-11f0-8f3e-5e1b2c7d9a10")
                .contains("202");
        assertThat(deliveries.seen("9a5d4f80-c6d2-11f0-8f3e-5e1b2c7d9a10")).isTrue();
    }

    @Test
    void a_delivery_copied_from_recent_deliveries_is_replayed_and_a_second_time_is_a_duplicate() throws Exception {
        String saved = fixture("deliveries/recent-deliveries-copied-workflow_run.txt");

        int first = replay(Map.of("WEBHOOK_SECRET", SECRET), saved, "--url", url());
        int second = replay(Map.of("WEBHOOK_SECRET", SECRET), saved, "--url", url());

        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(out.toString())
                .contains("delivery=b71e0c22-c6d2-11f0-9d4c-2a7f6e1b3c55")
                .contains("\"result\":\"duplicate\"");
        assertThat(queue.waiting()).hasSize(1);
    }

    @Test
    void the_secret_comes_from_the_dot_env_and_a_wrong_one_is_the_servers_401() throws Exception {
        Path dotEnv = save(".env", "WEBHOOK_SECRET=not the server's\n");

        int status = new ReplayCommand(Map.of("DATA_DIR", dir.toString()), dotEnv)
                .run(
                        new String[] {fixture("deliveries/recent-deliveries-copied-workflow_run.txt"), "--url", url()},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));

        assertThat(status).isEqualTo(ReplayCommand.REFUSED);
        assertThat(out.toString()).contains("401").contains("does not match");
    }

    @Test
    void what_stops_a_replay_before_sending_is_named() throws Exception {
        Path payload = save("payload.json", Fixtures.text("payloads/ping.json"));

        assertThat(replay(Map.of(), payload.toString(), "--event", "ping", "--url", url()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("WEBHOOK_SECRET is not set");
        assertThat(replay(Map.of("WEBHOOK_SECRET", SECRET), payload.toString(), "--url", url()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("give --event");
        assertThat(replay(
                        Map.of("WEBHOOK_SECRET", SECRET),
                        save("x.txt", "Accept: */*\n").toString(),
                        "--url",
                        url()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no JSON payload");
        assertThat(replay(
                        Map.of("WEBHOOK_SECRET", SECRET),
                        payload.toString(),
                        "--event",
                        "ping",
                        "--url",
                        "http://127.0.0.1:9/webhook"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot be reached");
    }

    private int replay(Map<String, String> environment, String... args) {
        Map<String, String> withDataDir = new java.util.HashMap<>(environment);
        withDataDir.put("DATA_DIR", dir.toString());
        return new ReplayCommand(withDataDir, dir.resolve("absent.env"))
                .run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + "/webhook";
    }

    private Path save(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private String fixture(String name) throws Exception {
        return save(name.replace('/', '-'), Fixtures.text(name)).toString();
    }
}
