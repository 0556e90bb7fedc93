package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.PackagedJar;
import dev.pipfix.testing.Ports;
import dev.pipfix.testing.WebhookSender;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar target/pipfix.jar}, started the way a new user or Heroku starts it. */
class ServeCommandIT {

    private static final String SECRET = "a webhook secret nobody may see";

    @TempDir
    Path workDir;

    @Test
    void the_jar_serves_from_its_environment_answers_a_signed_ping_and_stops_on_sigterm() throws Exception {
        // given
        int port = Ports.free();
        Path key = workDir.resolve("app.pem");
        Files.writeString(key, Fixtures.text("keys/app-pkcs1.pem"));
        Process process = start(Map.of(
                "APP_ID",
                "123456",
                "PRIVATE_KEY_PATH",
                key.toString(),
                "WEBHOOK_SECRET",
                SECRET,
                "PORT",
                Integer.toString(port)));
        Ports.awaitListening(port, process, () -> output(process));

        // when
        HttpResponse<String> ping = new WebhookSender("http://127.0.0.1:" + port + "/webhook", SECRET)
                .deliver("ping", Fixtures.payload("ping.json"));
        process.destroy();

        // then
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(process.waitFor(20, TimeUnit.SECONDS))
                .as("stops within 20 s of SIGTERM")
                .isTrue();
        String output = output(process);
        assertThat(output).contains("pipfix listening on 0.0.0.0:" + port);
        assertThat(output).contains("delivery=").contains("event=\"ping\"").contains("status=\"200\"");
        assertThat(output).doesNotContain(SECRET).doesNotContain("PRIVATE KEY").doesNotContain("MII");
    }

    @Test
    void log_format_json_writes_one_json_object_per_line_with_the_deliverys_fields() throws Exception {
        int port = Ports.free();
        Path key = workDir.resolve("app.pem");
        Files.writeString(key, Fixtures.text("keys/app-pkcs1.pem"));
        Process process = start(Map.of(
                "APP_ID",
                "123456",
                "PRIVATE_KEY_PATH",
                key.toString(),
                "WEBHOOK_SECRET",
                SECRET,
                "PORT",
                Integer.toString(port),
                "LOG_FORMAT",
                "json"));
        Ports.awaitListening(port, process, () -> output(process));

        new WebhookSender("http://127.0.0.1:" + port + "/webhook", SECRET)
                .deliver("ping", "4b1c9d52-c6d2-11f0-8a2b-9c1d3e5f7a90", Fixtures.payload("ping.json"));
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output(process).lines().filter(l -> !l.isBlank()).toList()) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("message").asText()).isEqualTo("delivery");
            assertThat(line.path("kvpList").toString())
                    .contains("\"delivery\":\"4b1c9d52-c6d2-11f0-8a2b-9c1d3e5f7a90\"")
                    .contains("\"status\":\"200\"")
                    .contains("\"result\":\"pong\"");
        });
        assertThat(lines.toString()).doesNotContain(SECRET);
    }

    @Test
    void a_dot_env_file_in_the_working_directory_is_read() throws Exception {
        int port = Ports.free();
        Files.writeString(
                workDir.resolve(".env"),
                "APP_ID=123456\nWEBHOOK_SECRET=" + SECRET + "\nPORT=" + port + "\nPRIVATE_KEY=\""
                        + Fixtures.text("keys/app-pkcs8.pem").strip() + "\"\n");
        Process process = start(Map.of());
        try {
            Ports.awaitListening(port, process, () -> output(process));
            HttpResponse<String> ping = new WebhookSender("http://127.0.0.1:" + port + "/webhook", SECRET)
                    .deliver("ping", Fixtures.payload("ping.json"));
            assertThat(ping.statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_encrypted_key_stops_start_up_with_one_line_naming_the_setting() throws Exception {
        Process process = start(app(Fixtures.text("keys/app-encrypted-pkcs1.pem")));

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output(process).strip())
                .isEqualTo("pipfix: PRIVATE_KEY: the key is encrypted with a passphrase;"
                        + " decrypt it first (openssl pkey -in key.pem -out plain.pem) or generate a new key on the App's"
                        + " settings page");
    }

    @Test
    void a_missing_secret_stops_start_up_with_one_line_naming_it() throws Exception {
        Process process = start(Map.of("APP_ID", "123456", "PRIVATE_KEY", Fixtures.text("keys/app-pkcs1.pem")));

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output(process).strip())
                .startsWith("pipfix: WEBHOOK_SECRET is not set")
                .doesNotContain("\n");
    }

    @Test
    void a_database_that_does_not_answer_stops_start_up_with_a_line_naming_database_url() throws Exception {
        // given a PostgreSQL URL whose port nothing listens on; the web port opens before the database is there
        int port = Ports.free();
        Map<String, String> environment = new HashMap<>(app(Fixtures.text("keys/app-pkcs1.pem")));
        environment.put("PORT", Integer.toString(port));
        environment.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/pipfix?user=pipfix");
        Process process = start(environment);

        // then it exits with one line naming the setting, and the port it had opened is closed again
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output(process).strip().lines().reduce((first, second) -> second))
                .hasValueSatisfying(last -> assertThat(last).startsWith("pipfix: DATABASE_URL cannot be opened: "));
        assertThat(Ports.listening(port)).isFalse();
    }

    /** A registered App's settings, with the private key given inline. */
    private static Map<String, String> app(String privateKey) {
        return Map.of("APP_ID", "123456", "WEBHOOK_SECRET", SECRET, "PRIVATE_KEY", privateKey);
    }

    private Process start(Map<String, String> environment) throws IOException {
        return PackagedJar.start(workDir, environment, workDir.resolve("output.log"));
    }

    private String output(Process process) throws IOException {
        return Files.readString(workDir.resolve("output.log"), StandardCharsets.UTF_8);
    }
}
