package dev.pipfix.fix;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.workflow.FixStrategy;
import java.util.Optional;

/**
 * Which change to the workflow fixes a cause: the fix decision, shared by the server's worker, the CLI and the
 * tests. Pure: values in, values out.
 */
public final class Fixes {

    private Fixes() {}

    /** The strategy for a cause; none when no workflow change fixes it (a file held open by a process). */
    public static Optional<FixStrategy> strategyFor(Cause cause) {
        return switch (cause) {
            case PIP_SELF_UPGRADE -> Optional.of(FixStrategy.PYTHON_M_PIP_UPGRADE);
            case ROOT_OWNED_CACHE -> Optional.of(FixStrategy.NO_CACHE_DIR);
            case FILE_LOCKED, SOURCE_TREE_UNWRITABLE -> Optional.empty();
            default -> Optional.of(FixStrategy.VENV);
        };
    }

    /**
     * The strategy with the repository's preference: {@code fix: user} or {@code fix: setup-python} replaces the
     * virtual environment where it fixes the cause too. A root-owned system Python, PEP 668's marker and
     * {@code sudo pip} and a distro's package in the way are fixed by another Python (setup-python); the first and the last by the user's site
     * directory as well, which PEP 668 refuses too. A user site that is not writable, a root-owned tool cache or a
     * read-only file system are not fixed by either: the virtual environment stays.
     */
    public static Optional<FixStrategy> strategyFor(Cause cause, RepoSettings.Fix preferred) {
        return strategyFor(cause)
                .map(base -> base != FixStrategy.VENV || preferred == null
                        ? base
                        : switch (preferred) {
                            case VENV -> base;
                            case USER ->
                                cause == Cause.SYSTEM_SITE_PACKAGES || cause == Cause.SUDO_PIP
                                        ? FixStrategy.USER_SITE
                                        : base;
                            case SETUP_PYTHON ->
                                cause == Cause.SYSTEM_SITE_PACKAGES
                                                || cause == Cause.SUDO_PIP
                                                || cause == Cause.EXTERNALLY_MANAGED
                                                || cause == Cause.DISTRO_PACKAGE
                                        ? FixStrategy.SETUP_PYTHON
                                        : base;
                        });
    }
}
