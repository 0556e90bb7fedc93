package dev.pipfix.fix;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.Installer;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.workflow.Applications;
import dev.pipfix.workflow.FixStrategy;
import java.util.Optional;

/**
 * Which change to the workflow fixes a finding: the fix decision, shared by the server's worker, the CLI and the
 * tests. Pure: values in, values out. The cause decides, and the installer that was refused: uv's environment is
 * made by uv, and an application pip was told to install into the system belongs in pipx.
 */
public final class Fixes {

    private Fixes() {}

    /** The strategy for a finding; none when no workflow change fixes it (a file held open by a process). */
    public static Optional<FixStrategy> strategyFor(Finding finding) {
        return strategyFor(finding, null);
    }

    /**
     * The strategy with the repository's preference: {@code fix: user} or {@code fix: setup-python} replaces the
     * virtual environment where it fixes the cause too. A root-owned system Python, PEP 668's marker and
     * {@code sudo pip} and a distro's package in the way are fixed by another Python (setup-python); the first and
     * the last by the user's site directory as well, which PEP 668 refuses too. A user site that is not writable, a
     * root-owned tool cache or a read-only file system are not fixed by either: the virtual environment stays. uv has
     * no user site, and its environment is its own: the preference does not apply to it.
     */
    public static Optional<FixStrategy> strategyFor(Finding finding, RepoSettings.Fix preferred) {
        Cause cause = finding.cause();
        Optional<FixStrategy> base = strategyFor(cause);
        if (base.isEmpty() || base.get() != FixStrategy.VENV) {
            return base;
        }
        if (finding.installer() == Installer.UV) {
            return Optional.of(FixStrategy.UV_VENV);
        }
        if (finding.installer() == Installer.PIP
                && (cause == Cause.EXTERNALLY_MANAGED || cause == Cause.SYSTEM_SITE_PACKAGES || cause == Cause.SUDO_PIP)
                && Applications.installedBy(finding.command()).isPresent()
                && (preferred == null || preferred == RepoSettings.Fix.VENV)) {
            return Optional.of(FixStrategy.PIPX);
        }
        if (preferred == null) {
            return base;
        }
        return Optional.of(
                switch (preferred) {
                    case VENV -> FixStrategy.VENV;
                    case USER ->
                        cause == Cause.SYSTEM_SITE_PACKAGES || cause == Cause.SUDO_PIP
                                ? FixStrategy.USER_SITE
                                : FixStrategy.VENV;
                    case SETUP_PYTHON ->
                        cause == Cause.SYSTEM_SITE_PACKAGES
                                        || cause == Cause.SUDO_PIP
                                        || cause == Cause.EXTERNALLY_MANAGED
                                        || cause == Cause.DISTRO_PACKAGE
                                ? FixStrategy.SETUP_PYTHON
                                : FixStrategy.VENV;
                });
    }

    private static Optional<FixStrategy> strategyFor(Cause cause) {
        return switch (cause) {
            case PIP_SELF_UPGRADE -> Optional.of(FixStrategy.PYTHON_M_PIP_UPGRADE);
            case ROOT_OWNED_CACHE -> Optional.of(FixStrategy.NO_CACHE_DIR);
            case PIPX_HOME_UNWRITABLE -> Optional.of(FixStrategy.PIPX_HOME);
            case USER_SITE_UNAVAILABLE -> Optional.of(FixStrategy.DROP_USER);
            case FILE_LOCKED, SOURCE_TREE_UNWRITABLE, TARGET_DIRECTORY_UNWRITABLE -> Optional.empty();
            default -> Optional.of(FixStrategy.VENV);
        };
    }
}
