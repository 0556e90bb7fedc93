package dev.pipfix.app;

import ch.qos.logback.classic.Level;
import dev.pipfix.web.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run behind the class-data archive {@code mvn package} writes next to the jar ({@code
 * target/pipfix.jsa}): run under {@code -XX:ArchiveClassesAtExit}, it starts the server as a registered App on the
 * embedded database in a directory of its own, asks {@code /healthz}, sends a signed ping and an ignored delivery, and
 * stops. The classes that took are what the archive holds, so that a server started with {@code
 * -XX:SharedArchiveFile} maps them instead of loading and verifying each: start-up to healthy is a target. Nothing
 * here reaches beyond 127.0.0.1 (GitHub's address is a closed port; the start's catch-up fails and is logged).
 */
public final class CdsTraining {

    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        // the build's output is no place for a server's log: only what went wrong
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.ERROR);
        Path dir = Files.createTempDirectory("pipfix-cds");
        try {
            train(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void train(Path dir) throws Exception {
        String secret = UUID.randomUUID().toString();
        Path key = dir.resolve("app.pem");
        Files.writeString(key, newPrivateKey());
        Config config = ConfigLoader.load(
                Map.of(
                        "APP_ID", "1",
                        "PRIVATE_KEY_PATH", key.toString(),
                        "WEBHOOK_SECRET", secret,
                        "HOST", "127.0.0.1",
                        "PORT", "0",
                        "DATA_DIR", dir.resolve("data").toString(),
                        "GITHUB_API_URL", "http://127.0.0.1:9"),
                dir.resolve(".env"));
        try (PipfixServer server = new PipfixServer(config, Clock.systemUTC()).start()) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newHttpClient();
            expect(http, HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), 200);
            WebhookSignature signature = new WebhookSignature(secret);
            deliver(http, base, signature, "ping", "{\"zen\":\"Design for failure.\",\"hook_id\":1}");
            deliver(
                    http,
                    base,
                    signature,
                    "workflow_run",
                    "{\"action\":\"requested\",\"workflow_run\":{\"id\":1},\"repository\":{\"full_name\":\"pipfix/training\"},\"installation\":{\"id\":1}}");
        }
    }

    private static void deliver(HttpClient http, String base, WebhookSignature signature, String event, String body)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        expect(
                http,
                HttpRequest.newBuilder(URI.create(base + "/webhook"))
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Event", event)
                        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                        .header("X-Hub-Signature-256", signature.sign(bytes))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(),
                event.equals("ping") ? 200 : 202);
    }

    /** A run that did not do what it trains for would archive the wrong classes: it fails the build instead. */
    private static void expect(HttpClient http, HttpRequest request, int status)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(request, (name, value) -> true)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + " where " + status
                    + " was expected: " + response.body());
        }
    }

    private static String newPrivateKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
