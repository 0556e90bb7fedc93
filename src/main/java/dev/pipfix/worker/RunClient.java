package dev.pipfix.worker;

import dev.pipfix.github.GitHubApi;
import dev.pipfix.queue.CompletedRun;
import java.io.IOException;

/**
 * Who a run's work talks to GitHub as: the App's installation on the run's repository (the server), or the token a
 * workflow gave (the Action).
 */
@FunctionalInterface
public interface RunClient {

    GitHubApi forRun(CompletedRun run) throws IOException;

    /**
     * Whether a {@code /pipfix apply} on the run's pull request reaches pipfix and may commit: the App's
     * installation has the grants for it. The Action does not take commands.
     */
    default boolean takesApplyCommand(CompletedRun run) {
        return false;
    }
}
