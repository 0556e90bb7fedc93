package dev.pipfix.diagnosis;

import dev.pipfix.id.StableId;

/** Why pip was refused, as far as the evidence in the log shows it. */
public enum Cause implements StableId {
    /** A root-owned interpreter: {@code /usr/lib/python3*}, {@code /usr/local/lib/python3*}, macOS framework Python. */
    SYSTEM_SITE_PACKAGES,
    /** {@code ~/.local} root-owned, or {@code HOME} unset or pointing somewhere unwritable, as in many containers. */
    USER_SITE_UNWRITABLE,
    /** pip's cache or a build directory left root-owned by an earlier {@code sudo pip}. */
    ROOT_OWNED_CACHE,
    /** The runner's tool cache ({@code hostedtoolcache}, {@code _work/_tool}) owned by another user. */
    TOOL_CACHE,
    /** pip on Windows replacing its own running {@code pip.exe}. */
    PIP_SELF_UPGRADE,
    /** A {@code .pyd} or {@code .dll} held open by another process on Windows. */
    FILE_LOCKED,
    /** The failing command ran pip under {@code sudo}. */
    SUDO_PIP,
    /** PEP 668: the interpreter is managed by the OS or another package manager. */
    EXTERNALLY_MANAGED,
    /** The target is on a read-only file system. */
    READ_ONLY,
    /**
     * The checkout itself is not writable for the job's user: a package building in its source tree ({@code build/},
     * {@code *.egg-info}) met files left by root, or a container whose user does not own the workspace.
     */
    SOURCE_TREE_UNWRITABLE,
    /**
     * The package pip would replace belongs to the system's package manager (apt's {@code python3-yaml}) or was put
     * there by distutils: the job's pip was aimed at the system interpreter.
     */
    DISTRO_PACKAGE,
    /** uv was told to install with no virtual environment active or in the working directory, and no {@code --system}. */
    NO_ENVIRONMENT,
    /**
     * pipx's home or bin directory ({@code PIPX_HOME}, {@code PIPX_BIN_DIR}: {@code ~/.local/share/pipx},
     * {@code ~/.local/bin}, the runner's {@code /opt/pipx}) is not the job user's, as after a {@code sudo pipx}.
     */
    PIPX_HOME_UNWRITABLE,
    /**
     * The step asks pip for a user install ({@code --user}, {@code PIP_USER}) in a Python without a user site: a
     * virtual environment (often one set up earlier in the job, or by an action) or one with the user site disabled.
     */
    USER_SITE_UNAVAILABLE,
    /**
     * The directory the command named with {@code --target}, {@code --prefix} or {@code --root} is not the job
     * user's: pip writes where it was told, so the fix concerns that directory, not an environment.
     */
    TARGET_DIRECTORY_UNWRITABLE,
    /** An earlier step of the same job ran pip as root ({@code sudo pip}), and left what it wrote root's. */
    EARLIER_SUDO_PIP,
    UNKNOWN;
}
