package dev.pipfix.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.app.Config;
import dev.pipfix.app.PipfixServer;
import dev.pipfix.github.AppApi;
import dev.pipfix.github.PrivateKeys;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.DeliveryLog;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.queue.Migrations;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.TestApps;
import dev.pipfix.testing.TestDatabases;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatchUpTest {

    private static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void failed_deliveries_never_recorded_are_redelivered_once_each_within_three_days() throws Exception {
        // given the App's recent deliveries on two pages, and one failed delivery pipfix did record
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RSAPrivateKey key = PrivateKeys.parse(Fixtures.text("keys/app-pkcs1.pem"));
        try (GitHubSimulator github = new GitHubSimulator(clock)) {
            String next = github.apiUrl() + "/app/hook/deliveries?per_page=100&cursor=v1_2";
            github.stub(get(urlPathEqualTo("/app/hook/deliveries"))
                    .withQueryParam("cursor", equalTo("v1_2"))
                    .atPriority(1)
                    .willReturn(json("["
                            + String.join(
                                    ",",
                                    delivery(108, "guid-g", "ping", 502, NOW.minusSeconds(7200), false),
                                    delivery(109, "guid-f", "workflow_run", 502, NOW.minus(Duration.ofDays(4)), false))
                            + "]")));
            github.stub(get(urlPathEqualTo("/app/hook/deliveries"))
                    .atPriority(2)
                    .willReturn(json("["
                                    + String.join(
                                            ",",
                                            delivery(101, "guid-a", "workflow_run", 202, NOW.minusSeconds(60), false),
                                            delivery(102, "guid-b", "workflow_run", 502, NOW.minusSeconds(3600), false),
                                            delivery(103, "guid-c", "workflow_run", 503, NOW.minusSeconds(3700), false),
                                            delivery(105, "guid-d", "workflow_run", 202, NOW.minusSeconds(3800), true),
                                            delivery(104, "guid-d", "workflow_run", 500, NOW.minusSeconds(3900), false),
                                            delivery(107, "guid-e", "workflow_run", 0, NOW.minusSeconds(4000), true),
                                            delivery(106, "guid-e", "workflow_run", 500, NOW.minusSeconds(4100), false))
                                    + "]")
                            .withHeader("Link", "<" + next + ">; rel=\"next\"")));
            github.stub(post(urlPathMatching("/app/hook/deliveries/\\d+/attempts"))
                    .willReturn(aResponse().withStatus(202).withBody("{}")));
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            Migrations.apply(dataSource, Database.Dialect.H2);
            TestDatabases.recordDelivery(dataSource, "guid-c", NOW.minusSeconds(3700));
            DeliveryLog deliveries = new DeliveryLog(dataSource);
            AppApi app = TestApps.clients(github, clock).app();

            // when
            new CatchUp(app, deliveries, clock).run();

            // then only the failed, unrecorded, recent workflow_run deliveries are redelivered, the latest attempt each
            assertThat(github.apiCalls())
                    .containsExactly(
                            "GET /app/hook/deliveries?per_page=100",
                            "GET /app/hook/deliveries?per_page=100&cursor=v1_2",
                            "POST /app/hook/deliveries/102/attempts",
                            "POST /app/hook/deliveries/107/attempts");
            assertThat(github.apiRequests())
                    .allSatisfy(r -> assertThat(r.getHeader("Authorization")).startsWith("Bearer "));
        }
    }

    @Test
    void the_server_catches_up_and_prunes_at_start() throws Exception {
        // given a database with a delivery from 40 days ago and one from yesterday
        RSAPrivateKey key = PrivateKeys.parse(Fixtures.text("keys/app-pkcs1.pem"));
        Instant now = Instant.now();
        try (com.zaxxer.hikari.HikariDataSource before =
                Database.of(null, dataDir).open(1)) {
            Migrations.apply(before, Database.Dialect.H2);
            TestDatabases.recordDelivery(before, "forty-days-old", now.minus(Duration.ofDays(40)));
            TestDatabases.recordDelivery(before, "yesterday", now.minus(Duration.ofDays(1)));
        }
        try (GitHubSimulator github = new GitHubSimulator(Clock.systemUTC())) {
            github.stub(get(urlPathEqualTo("/app/hook/deliveries")).willReturn(json("[]")));
            Config config = TestApps.registered(github, "secret", dataDir).build();
            PipfixServer.Options options = new PipfixServer.Options(
                    new DurableRunQueue.Settings(
                            2,
                            Duration.ofMillis(100),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(5),
                            Duration.ofMinutes(5)),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(2),
                    3);

            // when the server starts
            try (PipfixServer server = new PipfixServer(config, Clock.systemUTC(), options).start();
                    com.zaxxer.hikari.HikariDataSource after =
                            Database.of(null, dataDir).open(1)) {
                DeliveryLog deliveries = new DeliveryLog(after);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while ((github.apiCalls().isEmpty() || deliveries.seen("forty-days-old"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }

                // then it asked GitHub for missed deliveries, and forgot the one past retention only
                assertThat(github.apiCalls()).contains("GET /app/hook/deliveries?per_page=100");
                assertThat(deliveries.seen("forty-days-old")).isFalse();
                assertThat(deliveries.seen("yesterday")).isTrue();
            }
        }
    }

    private static String delivery(long id, String guid, String event, int status, Instant at, boolean redelivery) {
        return "{\"id\":" + id + ",\"guid\":\"" + guid + "\",\"delivered_at\":\"" + at + "\",\"redelivery\":"
                + redelivery + ",\"duration\":0.27,\"status\":\""
                + (status / 100 == 2 ? "OK" : "Invalid HTTP Response: " + status) + "\",\"status_code\":" + status
                + ",\"event\":\"" + event + "\",\"action\":\"completed\","
                + "\"installation_id\":4242,\"repository_id\":101}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
