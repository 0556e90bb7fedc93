package dev.pipfix.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.workflow.FixStrategy;
import org.junit.jupiter.api.Test;

class FixesTest {

    @Test
    void a_preferred_fix_replaces_the_virtual_environment_only_where_it_fixes_the_cause() {
        assertThat(Fixes.strategyFor(Cause.EXTERNALLY_MANAGED, RepoSettings.Fix.SETUP_PYTHON))
                .hasValue(FixStrategy.SETUP_PYTHON);
        assertThat(Fixes.strategyFor(Cause.SYSTEM_SITE_PACKAGES, RepoSettings.Fix.USER))
                .hasValue(FixStrategy.USER_SITE);
        assertThat(Fixes.strategyFor(Cause.SUDO_PIP, RepoSettings.Fix.USER)).hasValue(FixStrategy.USER_SITE);
        // PEP 668 refuses --user too; an unwritable user site is what --user would write to
        assertThat(Fixes.strategyFor(Cause.EXTERNALLY_MANAGED, RepoSettings.Fix.USER))
                .hasValue(FixStrategy.VENV);
        assertThat(Fixes.strategyFor(Cause.USER_SITE_UNWRITABLE, RepoSettings.Fix.USER))
                .hasValue(FixStrategy.VENV);
        assertThat(Fixes.strategyFor(Cause.TOOL_CACHE, RepoSettings.Fix.SETUP_PYTHON))
                .hasValue(FixStrategy.VENV);
        // causes whose fix is not a virtual environment keep theirs
        assertThat(Fixes.strategyFor(Cause.ROOT_OWNED_CACHE, RepoSettings.Fix.USER))
                .hasValue(FixStrategy.NO_CACHE_DIR);
        assertThat(Fixes.strategyFor(Cause.PIP_SELF_UPGRADE, RepoSettings.Fix.SETUP_PYTHON))
                .hasValue(FixStrategy.PYTHON_M_PIP_UPGRADE);
        // nothing in the workflow fixes a file another process holds open
        assertThat(Fixes.strategyFor(Cause.FILE_LOCKED, RepoSettings.Fix.USER)).isEmpty();
    }
}
