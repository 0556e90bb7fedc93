package dev.pipfix.app;

import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;

/**
 * The settings pipfix runs with, read once at start-up by {@link ConfigLoader}.
 *
 * @param webhookSecret null only when {@code allowUnsigned} is set
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

    @Override
    public String toString() {
        // the key and the secret never reach a log line
        return "Config[appId=" + appId + ", host=" + host + ", port=" + port + ", githubApiUrl=" + githubApiUrl
                + ", githubUrl=" + githubUrl + ", publicUrl=" + publicUrl + ", dataDir=" + dataDir
                + ", database=" + (databaseUrl == null ? "embedded" : "external")
                + ", dryRun=" + dryRun + ", allowUnsigned=" + allowUnsigned + "]";
    }
}
