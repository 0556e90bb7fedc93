package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.runner.RunnerOs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the inserted environment is made, from what the job does around the failing step. */
class VenvChoicesTest {

    @Test
    void modules_the_job_installed_with_apt_stay_importable_from_the_environment() {
        // given a job that installs pytest with apt, then pip-installs into the system Python and runs pytest
        String workflow = """
                name: CI
                on: [pull_request]
                jobs:
                  test:
                    runs-on: ubuntu-24.04
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          sudo apt-get update
                          sudo apt-get install -y \\
                            python3-pytest python3-yaml
                      - run: pip install -r requirements.txt
                      - run: python3 -m pytest
                """;

        // when
        WorkflowFix fix = new WorkflowPatcher()
                .fix(new FixRequest(
                        ".github/workflows/ci.yml",
                        workflow,
                        "test",
                        "Run pip install -r requirements.txt",
                        List.of("pip install -r requirements.txt"),
                        FixStrategy.VENV,
                        RunnerOs.LINUX));

        // then the environment sees the system's site-packages, where apt put pytest
        assertThat(fix.diff()).contains("+          python3 -m venv --system-site-packages .venv");
    }

    @Test
    void an_environment_an_earlier_step_made_with_sudo_is_named_as_roots_not_as_missing() {
        // given a job that makes its venv as root, then activates it and pip-installs as the job's user
        String workflow = """
                name: CI
                on: [pull_request]
                jobs:
                  test:
                    runs-on: [self-hosted, linux]
                    steps:
                      - uses: actions/checkout@v4
                      - name: Environment
                        run: sudo python3 -m venv venv
                      - name: Install
                        run: |
                          . venv/bin/activate
                          pip install -r requirements.txt
                """;

        // when
        WorkflowFix fix = new WorkflowPatcher()
                .fix(new FixRequest(
                        ".github/workflows/ci.yml",
                        workflow,
                        "test",
                        "Install",
                        List.of(". venv/bin/activate", "pip install -r requirements.txt"),
                        FixStrategy.VENV,
                        RunnerOs.LINUX));

        // then no second environment: the advice is to make that one without sudo
        assertThat(fix.hasDiff()).isFalse();
        assertThat(fix.note().plain())
                .contains("which step `Environment` creates with `sudo`")
                .doesNotContain("missing");
    }

    @Test
    void only_python_modules_from_apt_count() {
        assertThat(CommandWords.aptInstallsPythonModules("sudo apt-get install -y python3-venv python3-pip"))
                .isFalse();
        assertThat(CommandWords.aptInstallsPythonModules("apt-get install -y libpq-dev && pip install python3-x"))
                .isFalse();
        assertThat(CommandWords.aptInstallsPythonModules("apt install python3-numpy=1:1.26.4+ds-6"))
                .isTrue();
    }
}
