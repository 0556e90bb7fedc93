package dev.pipfix.github;

import java.time.Instant;

/** An installation access token and when GitHub stops accepting it. */
public record InstallationToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "InstallationToken[expiresAt=" + expiresAt + "]";
    }
}
