package dev.pipfix.worker;

import dev.pipfix.apply.ApplyGrants;
import dev.pipfix.github.GitHubApi;
import dev.pipfix.github.GitHubClients;
import dev.pipfix.queue.CompletedRun;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's runs talk to GitHub as the App's installation on the run's repository. Whether that installation
 * takes {@code /pipfix apply} is read from GitHub and kept for a few minutes: a comment per failed run does not need
 * a call each to say so, and an owner who grants the permissions sees the comments offer the command soon after.
 */
public final class InstallationRunClient implements RunClient {

    private static final Logger LOG = LoggerFactory.getLogger(InstallationRunClient.class);
    static final Duration GRANTS_KEPT = Duration.ofMinutes(10);

    private final GitHubClients clients;
    private final Clock clock;
    private final Map<Long, Known> grants = new ConcurrentHashMap<>();

    private record Known(ApplyGrants grants, Instant readAt) {}

    public InstallationRunClient(GitHubClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public GitHubApi forRun(CompletedRun run) throws IOException {
        return clients.forInstallation(installation(run));
    }

    @Override
    public boolean takesApplyCommand(CompletedRun run) {
        try {
            long installation = installation(run);
            Known known = grants.get(installation);
            if (known == null || known.readAt().plus(GRANTS_KEPT).isBefore(clock.instant())) {
                known = new Known(clients.app().installationGrants(installation), clock.instant());
                grants.put(installation, known);
            }
            return known.grants().takeApplyCommand();
        } catch (IOException e) {
            // the comment then offers the other ways to apply the patch; the run goes on
            LOG.warn("repo={}: could not read the installation's permissions: {}", run.repository(), e.getMessage());
            return false;
        }
    }

    private long installation(CompletedRun run) throws IOException {
        return run.installationId() != null
                ? run.installationId()
                : clients.app().installationIdFor(run.repository());
    }
}
