package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installation access tokens, one per installation, cached until five minutes before they expire. Tokens live an
 * hour; renewing early keeps a long task (a big log, a slow API) from running out of token half-way.
 */
public final class InstallationTokens {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration PLAUSIBLE_LIFETIME = Duration.ofHours(2);
    private static final Logger LOG = LoggerFactory.getLogger(InstallationTokens.class);

    private final AppApi app;
    private final Clock clock;
    private final Map<Long, InstallationToken> cache = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    public InstallationTokens(AppApi app, Clock clock) {
        this.app = app;
        this.clock = clock;
    }

    public InstallationToken token(long installationId) throws IOException {
        InstallationToken cached = cache.get(installationId);
        if (isFresh(cached)) {
            return cached;
        }
        synchronized (locks.computeIfAbsent(installationId, id -> new Object())) {
            cached = cache.get(installationId);
            if (isFresh(cached)) {
                return cached;
            }
            InstallationToken created = create(installationId);
            cache.put(installationId, created);
            return created;
        }
    }

    /** Forgets a token GitHub refused, unless another thread already replaced it. */
    public void invalidate(long installationId, String refusedValue) {
        cache.computeIfPresent(installationId, (id, token) -> token.value().equals(refusedValue) ? null : token);
    }

    /**
     * GitHub's {@code expires_at}, unless it is not a time an hour-long token could have: unparseable, already
     * within the renewal margin, or more than two hours away (a clock far off GitHub's). Then the documented hour
     * is assumed; a token GitHub refuses earlier is renewed by the 401 retry anyway.
     */
    private Instant expiresAt(String text, long installationId) {
        Instant now = clock.instant();
        try {
            Instant expiresAt = Instant.parse(text);
            Duration lifetime = Duration.between(now, expiresAt);
            if (lifetime.compareTo(RENEW_BEFORE_EXPIRY) > 0 && lifetime.compareTo(PLAUSIBLE_LIFETIME) <= 0) {
                return expiresAt;
            }
            LOG.warn(
                    "installation {}: token expires_at {} is {} from this machine's clock; assuming {}"
                            + " (is the clock right?)",
                    installationId,
                    text,
                    lifetime,
                    TOKEN_LIFETIME);
        } catch (DateTimeParseException e) {
            LOG.warn(
                    "installation {}: token expires_at '{}' is not a time; assuming {}",
                    installationId,
                    text,
                    TOKEN_LIFETIME);
        }
        return now.plus(TOKEN_LIFETIME);
    }

    private boolean isFresh(InstallationToken token) {
        return token != null && clock.instant().plus(RENEW_BEFORE_EXPIRY).isBefore(token.expiresAt());
    }

    private InstallationToken create(long installationId) throws IOException {
        JsonNode body = app.createInstallationToken(installationId);
        String value = body.path("token").asText("");
        if (value.isEmpty()) {
            throw new GitHubApiException(
                    "POST /app/installations/" + installationId + "/access_tokens", 201, "the answer carries no token");
        }
        return new InstallationToken(value, expiresAt(body.path("expires_at").asText(""), installationId));
    }
}
