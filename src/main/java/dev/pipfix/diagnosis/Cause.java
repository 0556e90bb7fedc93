package dev.pipfix.diagnosis;

/** Why it went wrong, as far as the log shows it. */
public enum Cause {
    SYSTEM_SITE_PACKAGES("system-site-packages"),
    PIP_SELF_UPGRADE("pip-self-upgrade"),
    UNKNOWN("unknown");

    private final String id;

    Cause(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
