package dev.pipfix.runner;

import dev.pipfix.id.StableId;

/**
 * The runner's operating system, as a job's log reveals it or its workflow says it: the one value the diagnosis and
 * the workflow packages share, so that neither depends on the other. {@link #id()} is what the JSON output says.
 */
public enum RunnerOs implements StableId {
    LINUX,
    MACOS,
    WINDOWS,
    UNKNOWN;
}
