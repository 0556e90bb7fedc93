package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Installation access tokens, one per installation, cached until five minutes before they expire. Tokens live an
 * hour; renewing early keeps a long task (a big log, a slow API) from running out of token half-way.
 */
public final class InstallationTokens {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final OkHttpClient http;
    private final String apiUrl;
    private final AppJwt jwt;
    private final Clock clock;
    private final Map<Long, InstallationToken> cache = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    public InstallationTokens(OkHttpClient http, String apiUrl, AppJwt jwt, Clock clock) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.jwt = jwt;
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

    private boolean isFresh(InstallationToken token) {
        return token != null && clock.instant().plus(RENEW_BEFORE_EXPIRY).isBefore(token.expiresAt());
    }

    private InstallationToken create(long installationId) throws IOException {
        String path = "/app/installations/" + installationId + "/access_tokens";
        Request request = new Request.Builder()
                .url(apiUrl + path)
                .header("Authorization", "Bearer " + jwt.create())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION)
                .post(RequestBody.create(new byte[0], MediaType.get("application/json")))
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 401) {
                throw new GitHubApiException("POST " + path, 401,
                        "GitHub refused the App's JWT: check APP_ID and that PRIVATE_KEY belongs to that App");
            }
            if (response.code() == 404) {
                throw new GitHubApiException("POST " + path, 404,
                        "no such installation: the App was uninstalled, or APP_ID names another App");
            }
            JsonNode body = ApiResponses.json("POST " + path, response);
            String value = body.path("token").asText("");
            if (value.isEmpty()) {
                throw new GitHubApiException("POST " + path, response.code(), "the answer carries no token");
            }
            Instant expiresAt = body.hasNonNull("expires_at")
                    ? Instant.parse(body.get("expires_at").asText())
                    : clock.instant().plus(Duration.ofHours(1));
            return new InstallationToken(value, expiresAt);
        }
    }
}
