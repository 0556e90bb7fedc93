package dev.pipfix.github;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;

/**
 * One client per installation, all sharing one OkHttp connection pool. github-api gets the FAIL handlers: its
 * default handlers sleep on the calling thread until a rate limit resets.
 */
public final class GitHubClients {

    static final String API_VERSION = "2022-11-28";

    private final OkHttpClient http;
    private final String apiUrl;
    private final InstallationTokens tokens;
    private final Map<Long, InstallationClient> clients = new ConcurrentHashMap<>();

    public GitHubClients(OkHttpClient http, String apiUrl, InstallationTokens tokens) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.tokens = tokens;
    }

    public InstallationClient forInstallation(long installationId) throws IOException {
        InstallationClient existing = clients.get(installationId);
        if (existing != null) {
            return existing;
        }
        InstallationClient created = create(installationId);
        InstallationClient raced = clients.putIfAbsent(installationId, created);
        return raced != null ? raced : created;
    }

    private InstallationClient create(long installationId) throws IOException {
        OkHttpClient signed = http.newBuilder()
                .addInterceptor(new InstallationAuthInterceptor(tokens, installationId))
                .build();
        // github-api must not think it is anonymous; the interceptor sets the same header on every request
        GitHub gitHub = new GitHubBuilder()
                .withEndpoint(apiUrl)
                .withConnector(new OkHttpGitHubConnector(signed))
                .withAuthorizationProvider(
                        () -> "token " + tokens.token(installationId).value())
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                .build();
        return new InstallationClient(installationId, apiUrl, signed, gitHub);
    }
}
