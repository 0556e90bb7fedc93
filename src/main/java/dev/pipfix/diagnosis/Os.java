package dev.pipfix.diagnosis;

/** The runner's operating system, as the log reveals it. */
public enum Os {
    LINUX("linux"),
    MACOS("macos"),
    WINDOWS("windows"),
    UNKNOWN("unknown");

    private final String id;

    Os(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
