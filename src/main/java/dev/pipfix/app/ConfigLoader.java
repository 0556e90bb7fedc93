package dev.pipfix.app;

import dev.pipfix.github.KeyFormatException;
import dev.pipfix.github.PrivateKeys;
import dev.pipfix.queue.Database;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link Config} from the environment, with a {@code .env} file filling in what the environment lacks. */
public final class ConfigLoader {

    /** A bearer token that opens the status page must not be guessable. */
    static final int MIN_ADMIN_TOKEN_CHARS = 32;

    private final Map<String, String> settings;

    private ConfigLoader(Map<String, String> settings) {
        this.settings = settings;
    }

    /**
     * The environment wins over the working directory's {@code .env}, which wins over the credentials the setup page
     * saved in {@code DATA_DIR/.env}, as with every other twelve-factor tool.
     */
    public static Config load(Map<String, String> environment, Path dotEnvFile) throws ConfigException {
        return new ConfigLoader(settings(environment, dotEnvFile)).build();
    }

    /** Every setting by name, merged in that order, for commands that need one or two of them. */
    static Map<String, String> settings(Map<String, String> environment, Path dotEnvFile) throws ConfigException {
        Map<String, String> given = new HashMap<>(DotEnv.read(dotEnvFile));
        environment.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(name, value);
            }
        });
        Map<String, String> merged = new HashMap<>(DotEnv.read(SavedCredentials.file(dataDir(given))));
        merged.putAll(given);
        return merged;
    }

    private static Path dataDir(Map<String, String> settings) {
        String dataDir = settings.get("DATA_DIR");
        return Path.of(dataDir == null || dataDir.isBlank() ? "./data" : dataDir.strip());
    }

    private Config build() throws ConfigException {
        boolean allowUnsigned = flag("ALLOW_UNSIGNED");
        if (value("APP_ID") == null
                && value("PRIVATE_KEY") == null
                && value("PRIVATE_KEY_PATH") == null
                && value("WEBHOOK_SECRET") == null) {
            // a new install: the server starts and its setup page registers the App
            return settings(null, null, null, allowUnsigned);
        }
        String secret = value("WEBHOOK_SECRET");
        if (secret == null && !allowUnsigned) {
            throw new ConfigException("WEBHOOK_SECRET is not set: give the secret you entered as the App's webhook"
                    + " secret (or ALLOW_UNSIGNED=true, for local development only)");
        }
        String appId = value("APP_ID");
        if (appId == null) {
            throw new ConfigException("APP_ID is not set: give the App ID (or client ID) from the App's settings page");
        }
        return settings(appId, privateKey(), secret, allowUnsigned);
    }

    private Config settings(String appId, RSAPrivateKey privateKey, String secret, boolean allowUnsigned)
            throws ConfigException {
        int port = port();
        String githubApiUrl = url("GITHUB_API_URL", "https://api.github.com");
        String githubUrl = url("GITHUB_URL", "https://github.com");
        String publicUrl = url("PUBLIC_URL", "http://localhost:" + port);
        Path dataDir = dataDir(settings);
        String databaseUrl = value("DATABASE_URL");
        if (databaseUrl != null) {
            try {
                Database.of(databaseUrl, dataDir);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("DATABASE_URL is not a database URL: " + e.getMessage());
            }
        }
        return Config.builder()
                .app(appId, privateKey, secret)
                .allowUnsigned(allowUnsigned)
                .listen(valueOr("HOST", "0.0.0.0"), port)
                .github(githubApiUrl, githubUrl)
                .publicUrl(publicUrl)
                .dataDir(dataDir)
                .databaseUrl(databaseUrl)
                .dryRun(flag("DRY_RUN"))
                .oauthClient(oauthClient())
                .adminToken(adminToken())
                .build();
    }

    /** Both halves of the App's OAuth client, or neither: one without the other cannot sign anybody in. */
    private Optional<Config.OAuthClient> oauthClient() throws ConfigException {
        String id = value("GITHUB_CLIENT_ID");
        String secret = value("GITHUB_CLIENT_SECRET");
        if (id == null && secret == null) {
            return Optional.empty();
        }
        if (id == null || secret == null) {
            throw new ConfigException((id == null ? "GITHUB_CLIENT_ID" : "GITHUB_CLIENT_SECRET") + " is not set,"
                    + " but " + (id == null ? "GITHUB_CLIENT_SECRET" : "GITHUB_CLIENT_ID") + " is: give both, from"
                    + " the App's settings page (Client ID, and a client secret generated there), or neither");
        }
        return Optional.of(new Config.OAuthClient(id, secret));
    }

    private Optional<String> adminToken() throws ConfigException {
        String token = value("ADMIN_TOKEN");
        if (token != null && token.length() < MIN_ADMIN_TOKEN_CHARS) {
            throw new ConfigException("ADMIN_TOKEN is " + token.length() + " characters: give at least "
                    + MIN_ADMIN_TOKEN_CHARS + " random ones (for example the output of openssl rand -hex 32)");
        }
        return Optional.ofNullable(token);
    }

    private RSAPrivateKey privateKey() throws ConfigException {
        String inline = value("PRIVATE_KEY");
        String path = value("PRIVATE_KEY_PATH");
        if (inline != null) {
            return parseKey("PRIVATE_KEY", inline);
        }
        if (path == null) {
            throw new ConfigException("PRIVATE_KEY is not set: give the App's private key (PEM text or its base64),"
                    + " or PRIVATE_KEY_PATH naming the .pem file");
        }
        try {
            return parseKey("PRIVATE_KEY_PATH (" + path + ")", Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("PRIVATE_KEY_PATH (" + path + ") cannot be read: " + e.getMessage()
                    + "; give the path of the App's .pem file");
        }
    }

    private static RSAPrivateKey parseKey(String setting, String text) throws ConfigException {
        try {
            return PrivateKeys.parse(text);
        } catch (KeyFormatException e) {
            throw new ConfigException(setting + ": " + e.getMessage());
        }
    }

    private int port() throws ConfigException {
        String text = valueOr("PORT", "3000");
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException("PORT is '" + text + "': give a port number from 0 to 65535");
        }
    }

    private String url(String name, String fallback) throws ConfigException {
        String text = valueOr(name, fallback);
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(name + " is '" + text + "': give an http:// or https:// URL");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private boolean flag(String name) throws ConfigException {
        String text = valueOr(name, "false").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name + " is '" + text + "': give true or false");
        };
    }

    private String value(String name) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String valueOr(String name, String fallback) {
        String value = value(name);
        return value == null ? fallback : value;
    }
}
