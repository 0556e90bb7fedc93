package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.DeliveryLog;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.PackagedJar;
import dev.pipfix.testing.Ports;
import dev.pipfix.testing.WebhookSender;
import dev.pipfix.web.WebhookSignature;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stranger without the secret tries to exhaust the server: the packaged jar on the README's {@code -Xmx256m}, a
 * flood of 24 MB bodies that are unsigned, badly signed or signed with garbage, 24 at a time, while GitHub's signed
 * deliveries keep arriving. Every signed one is stored, every other one gets 401, 413 or 503, nothing runs out of
 * memory.
 */
class HostileBodiesIT {

    private static final String SECRET = "the secret the stranger does not have";
    private static final int BODY_BYTES = 24 * 1024 * 1024;
    private static final int SENDERS = 24;
    private static final int ROUNDS = 3;
    private static final Pattern DELIVERY_LINE = Pattern.compile("delivery delivery=\"([^\"]+)\" .*?status=\"(\\d+)\"");

    @TempDir
    Path dir;

    @Test
    void a_flood_of_large_unauthenticated_bodies_gets_401_413_or_503_while_every_signed_delivery_is_stored()
            throws Exception {
        try (GitHubSimulator github = new GitHubSimulator(Clock.systemUTC())) {
            // given pipfix on a small heap
            int port = Ports.free();
            Process process = start(github, port);
            String url = "http://127.0.0.1:" + port + "/webhook";
            byte[] hostile = hostileBody();
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Map<Integer, AtomicInteger> hostileAnswers = new ConcurrentHashMap<>();
            List<String> brokenOff = new ArrayList<>();
            List<String> hostileIds = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> signedIds = new ArrayList<>();
            List<Integer> signedAnswers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 1);
            String oversized;
            try {
                // when strangers send 24 bodies at once, three rounds of them
                List<Future<?>> flood = new ArrayList<>();
                for (int sender = 0; sender < SENDERS; sender++) {
                    int kind = sender % 3;
                    flood.add(pool.submit(() -> {
                        for (int round = 0; round < ROUNDS; round++) {
                            try {
                                String id = UUID.randomUUID().toString();
                                hostileIds.add(id);
                                HttpResponse<Void> answer = client.send(
                                        hostileRequest(url, id, hostile, kind), HttpResponse.BodyHandlers.discarding());
                                hostileAnswers
                                        .computeIfAbsent(answer.statusCode(), s -> new AtomicInteger())
                                        .incrementAndGet();
                            } catch (IOException e) {
                                synchronized (brokenOff) {
                                    brokenOff.add(e.toString());
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }));
                }
                // while GitHub's signed deliveries keep arriving
                WebhookSender github2 = new WebhookSender(url, SECRET);
                Future<?> signed = pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        String id = UUID.randomUUID().toString();
                        HttpResponse<String> answer = github2.deliver("ping", id, Fixtures.payload("ping.json"));
                        synchronized (signedIds) {
                            signedIds.add(id);
                            signedAnswers.add(answer.statusCode());
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
                for (Future<?> f : flood) {
                    f.get(5, TimeUnit.MINUTES);
                }
                signed.get(5, TimeUnit.MINUTES);
                // and one says it is over 25 MB
                oversized = oversized(port);
            } finally {
                pool.shutdownNow();
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            // then every hostile body got 401, 413 or 503, and the server was never out of memory
            String log = Files.readString(dir.resolve("pipfix.log"));
            Files.writeString(Path.of("target", "hostile-bodies-pipfix.log"), log);
            long outOfMemory = log.lines()
                    .filter(line -> line.contains("OutOfMemoryError"))
                    .count();
            List<String> stored;
            try (HikariDataSource data = Database.of(null, dir.resolve("data")).open(1)) {
                DeliveryLog deliveries = new DeliveryLog(data);
                stored = signedIds.stream().filter(deliveries::seen).toList();
            }
            // what the server answered each one, from its delivery log lines
            Map<String, String> served = new java.util.HashMap<>();
            Matcher line = DELIVERY_LINE.matcher(log);
            while (line.find()) {
                served.put(line.group(1), line.group(2));
            }
            Map<String, Long> hostileServed = hostileIds.stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            id -> served.getOrDefault(id, "none"), java.util.stream.Collectors.counting()));
            System.out.printf(
                    "hostile: served %s, clients saw %s and %d connections closed unanswered;"
                            + " OutOfMemoryError lines %d; signed answers %s, stored %d of %d%n",
                    hostileServed,
                    hostileAnswers,
                    brokenOff.size(),
                    outOfMemory,
                    signedAnswers.stream().distinct().toList(),
                    stored.size(),
                    signedIds.size());
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(hostileIds).hasSize(SENDERS * ROUNDS);
                softly.assertThat(hostileServed.keySet())
                        .as("served %s", hostileServed)
                        .isSubsetOf("401", "503");
                softly.assertThat(hostileServed).containsKey("401");
                softly.assertThat(hostileAnswers.keySet())
                        .as("answers %s", hostileAnswers)
                        .isSubsetOf(401, 503);
                // a refusal sent before the body was read can reach a client that does not read while it sends as
                // a closed connection: only those may go unanswered
                softly.assertThat((long) brokenOff.size())
                        .as("connections closed unanswered")
                        .isLessThanOrEqualTo(hostileServed.getOrDefault("503", 0L));
                softly.assertThat(outOfMemory).as("OutOfMemoryError in the log").isZero();
                // and every signed delivery was answered and stored
                softly.assertThat(signedAnswers).hasSize(40).containsOnly(200);
                softly.assertThat(stored).as("signed deliveries stored").isEqualTo(signedIds);
            });
            // and a body that says it is over 25 MB is refused before it is read
            assertThat(oversized).startsWith("HTTP/1.1 413");
        }
    }

    /** JSON that keeps a naive reader busy: a run whose pull request list is millions of empty objects. */
    private static byte[] hostileBody() {
        StringBuilder json = new StringBuilder(BODY_BYTES + 64)
                .append("{\"action\":\"completed\",\"workflow_run\":{\"pull_requests\":[{}");
        while (json.length() < BODY_BYTES - 8) {
            json.append(",{}");
        }
        return json.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpRequest hostileRequest(String url, String id, byte[] body, int kind) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", id)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return switch (kind) {
            case 0 -> request.build();
            case 1 ->
                request.header("X-Hub-Signature-256", new WebhookSignature("a guess").sign(body))
                        .build();
            default ->
                request.header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                        .build();
        };
    }

    /** The answer's status line to headers that claim 30 MB, with no body sent. */
    private static String oversized(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                                    + "\r\nX-GitHub-Event: workflow_run\r\nContent-Length: " + (30 * 1024 * 1024)
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] head = socket.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII);
        }
    }

    private Process start(GitHubSimulator github, int port) throws Exception {
        Files.writeString(dir.resolve("app.pem"), Fixtures.text("keys/app-pkcs1.pem"));
        Process process = PackagedJar.start(
                dir, PackagedJar.appSettings(dir, SECRET, port, github), dir.resolve("pipfix.log"), "-Xmx256m");
        Ports.awaitListening(port, process, () -> Files.readString(dir.resolve("pipfix.log")));
        return process;
    }
}
