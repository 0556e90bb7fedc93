package dev.pipfix.testing;

import dev.pipfix.queue.CompletedRun;
import java.util.List;

/** Completed runs for queue tests that need many of them, as a same-repository pull request's failed CI run. */
public final class TestRuns {

    private TestRuns() {}

    /** A failed run of CI on pull request #42 of octo-org/octo-repo, installation 1. */
    public static CompletedRun failed(String deliveryId, long runId, long runNumber) {
        return new CompletedRun(
                deliveryId,
                1L,
                "octo-org/octo-repo",
                runId,
                1,
                runNumber,
                "https://github.com/octo-org/octo-repo/actions/runs/" + runId,
                7,
                "CI",
                ".github/workflows/ci.yml",
                "pull_request",
                "failure",
                "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                "fix-deps",
                "octo-org/octo-repo",
                List.of(42));
    }
}
