package dev.pipfix.app;

import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;

/**
 * The settings pipfix runs with, read once at start-up by {@link ConfigLoader}.
 *
 * @param appId         null, with {@code privateKey} and {@code webhookSecret}, until the App is registered: the
 *                      server then serves its setup page
 * @param webhookSecret null only when {@code allowUnsigned} is set, or before the App is registered
 * @param databaseUrl   {@code DATABASE_URL}, or null for the embedded H2 database under {@code dataDir}
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
        boolean dryRun) {

    /** Whether pipfix has App credentials to act with; without them it serves the setup page. */
    public boolean configured() {
        return appId != null && privateKey != null;
    }

    /** The same settings with the credentials the setup page received. */
    public Config withCredentials(String newAppId, RSAPrivateKey newPrivateKey, String newWebhookSecret) {
        return new Config(newAppId, newPrivateKey, newWebhookSecret, false, host, port, githubApiUrl, githubUrl,
                publicUrl, dataDir, databaseUrl, dryRun);
    }

    @Override
    public String toString() {
        // the key and the secret never reach a log line
        return "Config[appId=" + appId + ", host=" + host + ", port=" + port + ", githubApiUrl=" + githubApiUrl
                + ", githubUrl=" + githubUrl + ", publicUrl=" + publicUrl + ", dataDir=" + dataDir
                + ", database=" + (databaseUrl == null ? "embedded" : "external")
                + ", dryRun=" + dryRun + ", allowUnsigned=" + allowUnsigned + "]";
    }
}
