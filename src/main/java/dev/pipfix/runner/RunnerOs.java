package dev.pipfix.runner;

/**
 * The runner's operating system, as a job's log reveals it or its workflow says it: the one value the diagnosis and
 * the workflow packages share, so that neither depends on the other. {@link #id()} is what the JSON output says.
 */
public enum RunnerOs {
    LINUX("linux"),
    MACOS("macos"),
    WINDOWS("windows"),
    UNKNOWN("unknown");

    private final String id;

    RunnerOs(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
