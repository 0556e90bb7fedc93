package dev.pipfix.github;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link GitHubApi}s of one GitHub App: as the App itself, and as each of its installations (one each, made on
 * first use).
 */
public final class GitHubClients {

    private final GitHubConnection connection;
    private final AppApi app;
    private final InstallationTokens tokens;
    private final Map<Long, GitHubApi> installations = new ConcurrentHashMap<>();

    public GitHubClients(GitHubConnection connection, AppJwt jwt, Clock clock) {
        this.connection = connection;
        this.app = new AppApi(connection.api(new Credential.App(jwt)));
        this.tokens = new InstallationTokens(app, clock);
    }

    /** The calls made as the App itself. */
    public AppApi app() {
        return app;
    }

    public GitHubApi forInstallation(long installationId) {
        return installations.computeIfAbsent(
                installationId, id -> connection.api(new Credential.Installation(tokens, id)));
    }
}
