package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.runner.RunnerOs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** uv's environment, setup-uv's activation and pipx for applications: the forms GoldenPatchTest's cases do not show. */
class UvFixesTest {

    private static final String WORKFLOW = """
            name: CI
            on: [pull_request]
            jobs:
              test:
                runs-on: ubuntu-24.04
                steps:
                  - uses: actions/checkout@v4
                  - uses: astral-sh/setup-uv@%s
            %s      - run: uv pip install --system -r requirements.txt
            """;

    @Test
    void an_activation_set_to_false_is_turned_on_in_place() {
        // given
        String workflow = WORKFLOW.formatted("v7", "        with:\n          activate-environment: false\n");

        // when
        WorkflowFix fix = fix(workflow, FixStrategy.UV_VENV);

        // then
        assertThat(fix.strategy()).isEqualTo(FixStrategy.SETUP_UV_ACTIVATE);
        assertThat(fix.diff())
                .contains("-          activate-environment: false\n")
                .contains("+          activate-environment: true\n")
                .contains("+      - run: uv pip install -r requirements.txt");
    }

    @Test
    void setup_uv_before_v6_has_no_activation_so_uv_venv_makes_the_environment() {
        // when
        WorkflowFix fix = fix(WORKFLOW.formatted("v5", ""), FixStrategy.UV_VENV);

        // then
        assertThat(fix.strategy()).isEqualTo(FixStrategy.UV_VENV);
        assertThat(fix.diff())
                .contains("+          uv venv --allow-existing .venv")
                .doesNotContain("activate-environment");
    }

    @Test
    void a_flow_mapping_of_inputs_is_not_spliced_into() {
        // when
        WorkflowFix fix = fix(WORKFLOW.formatted("v6", "        with: { enable-cache: true }\n"), FixStrategy.UV_VENV);

        // then
        assertThat(fix.strategy()).isEqualTo(FixStrategy.UV_VENV);
        assertThat(fix.diff()).contains("+          uv venv --allow-existing .venv");
    }

    @Test
    void an_activation_already_on_gets_advice_about_where_the_step_runs() {
        // when
        WorkflowFix fix = fix(
                WORKFLOW.formatted("v6", "        with:\n          activate-environment: true\n"), FixStrategy.UV_VENV);

        // then
        assertThat(fix.hasDiff()).isFalse();
        assertThat(fix.note().plain()).contains("already activates").contains("working-directory");
    }

    @Test
    void a_commit_pin_counts_by_its_version_comment() {
        // given
        String pinned = WORKFLOW.formatted("d4b2f3b6ecc6e67c4457f6d3e41ec42d3d0fcb86 # v5.4.2", "");

        // when
        WorkflowFix fix = fix(pinned, FixStrategy.UV_VENV);

        // then: v5 has no activate-environment
        assertThat(fix.strategy()).isEqualTo(FixStrategy.UV_VENV);
    }

    @Test
    void pipx_is_not_offered_in_a_container_whose_image_may_not_have_it() {
        // given
        String workflow = """
                on: push
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    container: debian:bookworm
                    steps:
                      - run: pip3 install pre-commit
                """;

        // when
        WorkflowFix fix = new WorkflowPatcher()
                .fix(new FixRequest(
                        ".github/workflows/lint.yml",
                        workflow,
                        "lint",
                        "Run pip3 install pre-commit",
                        List.of("pip3 install pre-commit"),
                        FixStrategy.PIPX,
                        RunnerOs.LINUX));

        // then
        assertThat(fix.strategy()).isEqualTo(FixStrategy.VENV);
        assertThat(fix.diff()).contains("python3 -m venv .venv");
    }

    @Test
    void only_a_pip_install_of_applications_alone_is_one_for_pipx() {
        assertThat(Applications.installedBy("sudo python3 -m pip install --user -U poetry==1.8.3"))
                .hasValue(List.of("poetry==1.8.3"));
        assertThat(Applications.installedBy("pip install tox pre-commit")).hasValue(List.of("tox", "pre-commit"));
        assertThat(Applications.installedBy("pip install poetry pytest")).isEmpty();
        assertThat(Applications.installedBy("pip install -r requirements.txt")).isEmpty();
        assertThat(Applications.installedBy("pip install poetry && poetry install"))
                .isEmpty();
        assertThat(CommandEdits.pipx("  sudo pip3 install --user poetry==1.8.3"))
                .isEqualTo("  pipx install poetry==1.8.3");
    }

    @Test
    void a_step_that_installs_uv_itself_gets_an_environment_made_without_uv() {
        // given a step that installs uv with pip, then uses it: a uv venv step before it would find no uv
        String workflow = """
                name: CI
                on: [pull_request]
                jobs:
                  test:
                    runs-on: ubuntu-24.04
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          python3 -m pip install "uv==0.5.1"
                          uv pip install --system -r requirements.txt
                """;

        // when
        WorkflowFix fix = new WorkflowPatcher()
                .fix(new FixRequest(
                        ".github/workflows/ci.yml",
                        workflow,
                        "test",
                        "Run python3 -m pip install \"uv==0.5.1\"",
                        List.of("python3 -m pip install \"uv==0.5.1\"", "uv pip install --system -r requirements.txt"),
                        FixStrategy.UV_VENV,
                        RunnerOs.LINUX));

        // then Python's venv makes it, and the uv that pip installs there installs into it
        assertThat(fix.diff()).contains("+          python3 -m venv .venv").doesNotContain("uv venv");
        assertThat(CommandWords.installsUvWithPip("pip install -U pip uv ruff")).isTrue();
        assertThat(CommandWords.installsUvWithPip("pip install uvicorn && uv --version"))
                .isFalse();
    }

    private static WorkflowFix fix(String workflow, FixStrategy strategy) {
        return new WorkflowPatcher()
                .fix(new FixRequest(
                        ".github/workflows/ci.yml",
                        workflow,
                        "test",
                        "Run uv pip install --system -r requirements.txt",
                        List.of("uv pip install --system -r requirements.txt"),
                        strategy,
                        RunnerOs.LINUX));
    }
}
