package dev.pipfix.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.Installer;
import dev.pipfix.diagnosis.Kind;
import dev.pipfix.runner.RunnerOs;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.workflow.FixStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixesTest {

    @Test
    void a_preferred_fix_replaces_the_virtual_environment_only_where_it_fixes_the_cause() {
        assertThat(Fixes.strategyFor(pip(Cause.EXTERNALLY_MANAGED), RepoSettings.Fix.SETUP_PYTHON))
                .hasValue(FixStrategy.SETUP_PYTHON);
        assertThat(Fixes.strategyFor(pip(Cause.SYSTEM_SITE_PACKAGES), RepoSettings.Fix.USER))
                .hasValue(FixStrategy.USER_SITE);
        assertThat(Fixes.strategyFor(pip(Cause.SUDO_PIP), RepoSettings.Fix.USER))
                .hasValue(FixStrategy.USER_SITE);
        // PEP 668 refuses --user too; an unwritable user site is what --user would write to
        assertThat(Fixes.strategyFor(pip(Cause.EXTERNALLY_MANAGED), RepoSettings.Fix.USER))
                .hasValue(FixStrategy.VENV);
        assertThat(Fixes.strategyFor(pip(Cause.USER_SITE_UNWRITABLE), RepoSettings.Fix.USER))
                .hasValue(FixStrategy.VENV);
        assertThat(Fixes.strategyFor(pip(Cause.TOOL_CACHE), RepoSettings.Fix.SETUP_PYTHON))
                .hasValue(FixStrategy.VENV);
        // causes whose fix is not a virtual environment keep theirs
        assertThat(Fixes.strategyFor(pip(Cause.ROOT_OWNED_CACHE), RepoSettings.Fix.USER))
                .hasValue(FixStrategy.NO_CACHE_DIR);
        assertThat(Fixes.strategyFor(pip(Cause.PIP_SELF_UPGRADE), RepoSettings.Fix.SETUP_PYTHON))
                .hasValue(FixStrategy.PYTHON_M_PIP_UPGRADE);
        // nothing in the workflow fixes a file another process holds open
        assertThat(Fixes.strategyFor(pip(Cause.FILE_LOCKED), RepoSettings.Fix.USER))
                .isEmpty();
    }

    @Test
    void uv_gets_an_environment_of_its_own_whatever_the_repository_prefers() {
        assertThat(Fixes.strategyFor(finding(Kind.NO_VIRTUAL_ENVIRONMENT, Cause.NO_ENVIRONMENT, Installer.UV, null)))
                .hasValue(FixStrategy.UV_VENV);
        assertThat(Fixes.strategyFor(
                        finding(Kind.PERMISSION_DENIED, Cause.SYSTEM_SITE_PACKAGES, Installer.UV, null),
                        RepoSettings.Fix.USER))
                .hasValue(FixStrategy.UV_VENV);
    }

    @Test
    void an_application_pip_may_not_install_into_the_system_goes_to_pipx() {
        Finding poetry = finding(
                Kind.EXTERNALLY_MANAGED_ENVIRONMENT, Cause.EXTERNALLY_MANAGED, Installer.PIP, "pip install poetry");
        Finding project = finding(
                Kind.EXTERNALLY_MANAGED_ENVIRONMENT,
                Cause.EXTERNALLY_MANAGED,
                Installer.PIP,
                "pip install poetry pytest");

        assertThat(Fixes.strategyFor(poetry)).hasValue(FixStrategy.PIPX);
        // pytest imports the project: it belongs in the project's environment
        assertThat(Fixes.strategyFor(project)).hasValue(FixStrategy.VENV);
        // a repository that asked for setup-python gets it
        assertThat(Fixes.strategyFor(poetry, RepoSettings.Fix.SETUP_PYTHON)).hasValue(FixStrategy.SETUP_PYTHON);
    }

    @Test
    void pipx_refused_its_own_directories_gets_directories_the_job_owns() {
        assertThat(Fixes.strategyFor(finding(
                        Kind.PERMISSION_DENIED, Cause.PIPX_HOME_UNWRITABLE, Installer.PIPX, "pipx install tox")))
                .hasValue(FixStrategy.PIPX_HOME);
    }

    private static Finding pip(Cause cause) {
        return finding(Kind.PERMISSION_DENIED, cause, Installer.PIP, "pip install -r requirements.txt");
    }

    private static Finding finding(Kind kind, Cause cause, Installer installer, String command) {
        return new Finding(
                kind,
                cause,
                10,
                "Run pip install",
                2,
                true,
                command,
                List.of(),
                null,
                RunnerOs.LINUX,
                List.of("error"),
                1,
                installer);
    }
}
