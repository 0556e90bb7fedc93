package dev.pipfix.workflow;

/** The runner's operating system, as the workflow (or the caller's hint) says it. */
public enum RunnerOs {
    LINUX,
    MACOS,
    WINDOWS,
    UNKNOWN
}
