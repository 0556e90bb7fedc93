package dev.pipfix.diagnosis;

/** Why pip was refused, as far as the evidence in the log shows it. */
public enum Cause {
    /** A root-owned interpreter: {@code /usr/lib/python3*}, {@code /usr/local/lib/python3*}, macOS framework Python. */
    SYSTEM_SITE_PACKAGES("system-site-packages"),
    /** {@code ~/.local} root-owned, or {@code HOME} unset or pointing somewhere unwritable, as in many containers. */
    USER_SITE_UNWRITABLE("user-site-unwritable"),
    /** pip's cache or a build directory left root-owned by an earlier {@code sudo pip}. */
    ROOT_OWNED_CACHE("root-owned-cache"),
    /** The runner's tool cache ({@code hostedtoolcache}, {@code _work/_tool}) owned by another user. */
    TOOL_CACHE("tool-cache"),
    /** pip on Windows replacing its own running {@code pip.exe}. */
    PIP_SELF_UPGRADE("pip-self-upgrade"),
    /** A {@code .pyd} or {@code .dll} held open by another process on Windows. */
    FILE_LOCKED("file-locked"),
    /** The failing command ran pip under {@code sudo}. */
    SUDO_PIP("sudo-pip"),
    /** PEP 668: the interpreter is managed by the OS or another package manager. */
    EXTERNALLY_MANAGED("externally-managed"),
    /** The target is on a read-only file system. */
    READ_ONLY("read-only"),
    UNKNOWN("unknown");

    private final String id;

    Cause(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
