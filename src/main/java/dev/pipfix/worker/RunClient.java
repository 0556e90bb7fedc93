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
}
