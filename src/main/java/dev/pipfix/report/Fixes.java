package dev.pipfix.report;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Os;
import dev.pipfix.workflow.FixStrategy;
import dev.pipfix.workflow.RunnerOs;

/** Which change to the workflow fixes a cause. */
public final class Fixes {

    private Fixes() {
    }

    /** The strategy for a cause, or null when no workflow change fixes it (a file held open by a process). */
    public static FixStrategy strategyFor(Cause cause) {
        return switch (cause) {
            case PIP_SELF_UPGRADE -> FixStrategy.PYTHON_M_PIP_UPGRADE;
            case ROOT_OWNED_CACHE -> FixStrategy.NO_CACHE_DIR;
            case FILE_LOCKED -> null;
            default -> FixStrategy.VENV;
        };
    }

    public static RunnerOs runnerOs(Os os) {
        return switch (os) {
            case LINUX -> RunnerOs.LINUX;
            case MACOS -> RunnerOs.MACOS;
            case WINDOWS -> RunnerOs.WINDOWS;
            case UNKNOWN -> RunnerOs.UNKNOWN;
        };
    }
}
