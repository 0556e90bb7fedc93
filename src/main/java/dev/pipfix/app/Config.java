package dev.pipfix.app;

import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.Optional;

/**
 * The settings pipfix runs with, read once at start-up by {@link ConfigLoader}; tests build them with
 * {@link #builder()}.
 *
 * @param appId         null, with {@code privateKey} and {@code webhookSecret}, until the App is registered: the
 *                      server then serves its setup page
 * @param webhookSecret null only when {@code allowUnsigned} is set, or before the App is registered
 * @param databaseUrl   {@code DATABASE_URL}, or null for the embedded H2 database under {@code dataDir}
 * @param oauthClient   the App's OAuth client, with which its owner signs in to the status page
 * @param adminToken    {@code ADMIN_TOKEN}: a bearer token that opens the status page where nobody can sign in
 */
public record Config(
        String appId,
        RSAPrivateKey privateKey,
        String webhookSecret,
        boolean allowUnsigned,
        String host,
        int port,
        String githubApiUrl,
        String githubUrl,
        String publicUrl,
        Path dataDir,
        String databaseUrl,
        boolean dryRun,
        Optional<OAuthClient> oauthClient,
        Optional<String> adminToken) {

    /** The App's OAuth client id and secret ({@code GITHUB_CLIENT_ID}, {@code GITHUB_CLIENT_SECRET}). */
    public record OAuthClient(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "OAuthClient[clientId=" + clientId + "]";
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether pipfix has App credentials to act with; without them it serves the setup page. */
    public boolean configured() {
        return appId != null && privateKey != null;
    }

    /** The same settings with the credentials the setup page received. */
    public Config withCredentials(
            String newAppId,
            RSAPrivateKey newPrivateKey,
            String newWebhookSecret,
            Optional<OAuthClient> newOAuthClient) {
        return new Config(
                newAppId,
                newPrivateKey,
                newWebhookSecret,
                false,
                host,
                port,
                githubApiUrl,
                githubUrl,
                publicUrl,
                dataDir,
                databaseUrl,
                dryRun,
                newOAuthClient,
                adminToken);
    }

    @Override
    public String toString() {
        // the key, the secrets and the admin token never reach a log line
        return "Config[appId=" + appId + ", host=" + host + ", port=" + port + ", githubApiUrl=" + githubApiUrl
                + ", githubUrl=" + githubUrl + ", publicUrl=" + publicUrl + ", dataDir=" + dataDir
                + ", database=" + (databaseUrl == null ? "embedded" : "external")
                + ", dryRun=" + dryRun + ", allowUnsigned=" + allowUnsigned
                + ", oauthClient=" + oauthClient.map(OAuthClient::clientId).orElse("none")
                + ", adminToken=" + (adminToken.isPresent() ? "set" : "none") + "]";
    }

    /** Settings by name, with the defaults a new install has. */
    public static final class Builder {

        private String appId;
        private RSAPrivateKey privateKey;
        private String webhookSecret;
        private boolean allowUnsigned;
        private String host = "0.0.0.0";
        private int port = 3000;
        private String githubApiUrl = "https://api.github.com";
        private String githubUrl = "https://github.com";
        private String publicUrl;
        private Path dataDir = Path.of("./data");
        private String databaseUrl;
        private boolean dryRun;
        private Optional<OAuthClient> oauthClient = Optional.empty();
        private Optional<String> adminToken = Optional.empty();

        private Builder() {}

        public Builder app(String id, RSAPrivateKey key, String secret) {
            this.appId = id;
            this.privateKey = key;
            this.webhookSecret = secret;
            return this;
        }

        public Builder allowUnsigned(boolean allow) {
            this.allowUnsigned = allow;
            return this;
        }

        public Builder listen(String listenHost, int listenPort) {
            this.host = listenHost;
            this.port = listenPort;
            return this;
        }

        public Builder github(String apiUrl, String webUrl) {
            this.githubApiUrl = apiUrl;
            this.githubUrl = webUrl;
            return this;
        }

        public Builder publicUrl(String url) {
            this.publicUrl = url;
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** @param url null for the embedded database */
        public Builder databaseUrl(String url) {
            this.databaseUrl = url;
            return this;
        }

        public Builder dryRun(boolean dry) {
            this.dryRun = dry;
            return this;
        }

        public Builder oauthClient(Optional<OAuthClient> client) {
            this.oauthClient = client;
            return this;
        }

        public Builder adminToken(Optional<String> token) {
            this.adminToken = token;
            return this;
        }

        public Config build() {
            return new Config(
                    appId,
                    privateKey,
                    webhookSecret,
                    allowUnsigned,
                    host,
                    port,
                    githubApiUrl,
                    githubUrl,
                    publicUrl == null ? "http://localhost:" + port : publicUrl,
                    dataDir,
                    databaseUrl,
                    dryRun,
                    oauthClient,
                    adminToken);
        }
    }
}
