package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void a_complete_environment_gives_a_config_with_defaults_for_the_rest() throws Exception {
        Config config = ConfigLoader.load(complete(), dir.resolve(".env"));

        assertThat(config.appId()).isEqualTo("123456");
        assertThat(config.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(config.webhookSecret()).isEqualTo("s3cret");
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.githubApiUrl()).isEqualTo("https://api.github.com");
        assertThat(config.githubUrl()).isEqualTo("https://github.com");
        assertThat(config.publicUrl()).isEqualTo("http://localhost:3000");
        assertThat(config.dryRun()).isFalse();
    }

    @Test
    void the_config_never_prints_its_secret_or_key() throws Exception {
        Config config = ConfigLoader.load(complete(), dir.resolve(".env"));

        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("MII");
    }

    @Test
    void the_apps_oauth_client_and_admin_token_are_read_and_never_printed() throws Exception {
        Map<String, String> env = complete();
        env.put("GITHUB_CLIENT_ID", "Iv23liQ1yDn0aZEoXbzr");
        env.put("GITHUB_CLIENT_SECRET", "1726be1638095a19edd134c77bde3aa2ece1e5d8");
        env.put("ADMIN_TOKEN", "c0a5f1e2d3b4a5968778695a4b3c2d1e0f");

        Config config = ConfigLoader.load(env, dir.resolve(".env"));

        assertThat(config.oauthClient())
                .hasValue(new Config.OAuthClient("Iv23liQ1yDn0aZEoXbzr", "1726be1638095a19edd134c77bde3aa2ece1e5d8"));
        assertThat(config.adminToken()).hasValue("c0a5f1e2d3b4a5968778695a4b3c2d1e0f");
        assertThat(config.toString())
                .contains("Iv23liQ1yDn0aZEoXbzr")
                .doesNotContain("1726be16")
                .doesNotContain("c0a5f1e2");
        assertThat(ConfigLoader.load(complete(), dir.resolve(".env")).oauthClient())
                .isEmpty();
    }

    @Test
    void half_an_oauth_client_or_a_short_admin_token_stops_start_up() {
        Map<String, String> halfClient = complete();
        halfClient.put("GITHUB_CLIENT_ID", "Iv23liQ1yDn0aZEoXbzr");
        Map<String, String> shortToken = complete();
        shortToken.put("ADMIN_TOKEN", "letmein");

        assertThatThrownBy(() -> ConfigLoader.load(halfClient, dir.resolve(".env")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GITHUB_CLIENT_SECRET is not set");
        assertThatThrownBy(() -> ConfigLoader.load(shortToken, dir.resolve(".env")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ADMIN_TOKEN is 7 characters")
                .hasMessageNotContaining("letmein");
    }

    @Test
    void a_missing_secret_stops_start_up_unless_unsigned_is_explicitly_allowed() throws Exception {
        Map<String, String> env = complete();
        env.remove("WEBHOOK_SECRET");

        assertThatThrownBy(() -> ConfigLoader.load(env, dir.resolve(".env")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("WEBHOOK_SECRET is not set");

        env.put("ALLOW_UNSIGNED", "true");
        assertThat(ConfigLoader.load(env, dir.resolve(".env")).webhookSecret()).isNull();
    }

    @Test
    void a_missing_app_id_or_key_is_named() {
        Map<String, String> noAppId = complete();
        noAppId.remove("APP_ID");
        Map<String, String> noKey = complete();
        noKey.remove("PRIVATE_KEY");

        assertThatThrownBy(() -> ConfigLoader.load(noAppId, dir.resolve(".env")))
                .hasMessageStartingWith("APP_ID is not set");
        assertThatThrownBy(() -> ConfigLoader.load(noKey, dir.resolve(".env")))
                .hasMessageStartingWith("PRIVATE_KEY is not set");
    }

    @Test
    void a_broken_key_names_the_setting_and_the_problem() throws Exception {
        Map<String, String> encrypted = complete();
        encrypted.put("PRIVATE_KEY", key("app-encrypted-pkcs1.pem"));
        Map<String, String> missingFile = complete();
        missingFile.remove("PRIVATE_KEY");
        missingFile.put("PRIVATE_KEY_PATH", dir.resolve("nope.pem").toString());

        assertThatThrownBy(() -> ConfigLoader.load(encrypted, dir.resolve(".env")))
                .hasMessageStartingWith("PRIVATE_KEY: the key is encrypted");
        assertThatThrownBy(() -> ConfigLoader.load(missingFile, dir.resolve(".env")))
                .hasMessageStartingWith("PRIVATE_KEY_PATH (" + dir.resolve("nope.pem") + ") cannot be read");
    }

    @Test
    void the_key_may_come_from_a_file() throws Exception {
        Path pem = dir.resolve("app.pem");
        Files.writeString(pem, key("app-pkcs1.pem"));
        Map<String, String> env = complete();
        env.remove("PRIVATE_KEY");
        env.put("PRIVATE_KEY_PATH", pem.toString());

        assertThat(ConfigLoader.load(env, dir.resolve(".env")).privateKey()).isNotNull();
    }

    @Test
    void bad_values_are_named_with_what_is_expected() {
        Map<String, String> port = complete();
        port.put("PORT", "http");
        Map<String, String> url = complete();
        url.put("GITHUB_API_URL", "ghe.example.com/api/v3");
        Map<String, String> flag = complete();
        flag.put("DRY_RUN", "maybe");

        assertThatThrownBy(() -> ConfigLoader.load(port, dir.resolve(".env")))
                .hasMessage("PORT is 'http': give a port number from 0 to 65535");
        assertThatThrownBy(() -> ConfigLoader.load(url, dir.resolve(".env")))
                .hasMessage("GITHUB_API_URL is 'ghe.example.com/api/v3': give an http:// or https:// URL");
        assertThatThrownBy(() -> ConfigLoader.load(flag, dir.resolve(".env")))
                .hasMessage("DRY_RUN is 'maybe': give true or false");
    }

    @Test
    void a_dot_env_file_fills_in_with_a_multi_line_quoted_key_and_the_environment_wins() throws Exception {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(
                dotEnv,
                "# pipfix settings\n"
                        + "export APP_ID=999\n"
                        + "WEBHOOK_SECRET='from file'\n"
                        + "PORT=8080 # local\n"
                        + "PRIVATE_KEY=\"" + key("app-pkcs1.pem").strip() + "\"\n"
                        + "GITHUB_API_URL=https://ghe.example.com/api/v3/\n");

        Config config = ConfigLoader.load(Map.of("APP_ID", "123456"), dotEnv);

        assertThat(config.appId()).isEqualTo("123456");
        assertThat(config.webhookSecret()).isEqualTo("from file");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.githubApiUrl()).isEqualTo("https://ghe.example.com/api/v3");
        assertThat(config.privateKey()).isNotNull();
    }

    @Test
    void a_broken_dot_env_line_is_named() throws Exception {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, "APP_ID=1\nthis is not a setting\n");

        assertThatThrownBy(() -> ConfigLoader.load(complete(), dotEnv))
                .hasMessage(dotEnv + " line 2: expected NAME=value");
    }

    private Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        // never the working directory's ./data, which a developer's own setup may have filled
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("APP_ID", "123456");
        env.put("WEBHOOK_SECRET", "s3cret");
        try {
            env.put("PRIVATE_KEY", key("app-pkcs1.pem"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return env;
    }

    @Test
    void no_credentials_at_all_is_a_new_install_that_serves_the_setup_page() throws Exception {
        Config config = ConfigLoader.load(
                Map.of("DATA_DIR", dir.toString(), "PUBLIC_URL", "https://pipfix.example.net"), dir.resolve(".env"));

        assertThat(config.configured()).isFalse();
        assertThat(config.appId()).isNull();
        assertThat(config.publicUrl()).isEqualTo("https://pipfix.example.net");
    }

    @Test
    void credentials_saved_by_the_setup_page_are_read_under_the_environment_and_the_dot_env() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(
                data.resolve(".env"),
                "APP_ID='2741'\nWEBHOOK_SECRET='saved'\nPRIVATE_KEY='"
                        + java.util.Base64.getEncoder()
                                .encodeToString(key("app-pkcs1.pem").getBytes(StandardCharsets.UTF_8))
                        + "'\n");
        Files.writeString(dir.resolve(".env"), "DATA_DIR=" + data + "\nWEBHOOK_SECRET=from-dot-env\n");

        Config config = ConfigLoader.load(Map.of(), dir.resolve(".env"));
        Config overridden = ConfigLoader.load(Map.of("APP_ID", "99"), dir.resolve(".env"));

        assertThat(config.appId()).isEqualTo("2741");
        assertThat(config.privateKey()).isNotNull();
        assertThat(config.webhookSecret()).isEqualTo("from-dot-env");
        assertThat(overridden.appId()).isEqualTo("99");
    }

    private static String key(String name) throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
