package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pipfix.runner.RunnerOs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attacks a fork's workflow made on the patcher (issue 23), each of which held a worker for seconds, hours or for
 * ever: now each ends well inside a generous bound with a clear outcome. The bound only guards against a hang; the
 * figures are in BENCHMARKS.md.
 */
class HostileWorkflowsTest {

    private static final Duration HANG = Duration.ofSeconds(10);

    private static final String STEP = "pip install -r requirements.txt";

    @Test
    void a_decoy_job_named_with_thirty_expressions_does_not_stall_the_job_lookup() {
        // given: 30 expressions in a row became 30 lazy groups, which never finished against a name that fails late
        String name = "${{ matrix.a }}".repeat(30);
        String workflow = """
                on: [pull_request]
                jobs:
                  decoy:
                    if: false
                    name: "%s"
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: %s
                """.formatted(name, STEP);
        String apiName = "x".repeat(200) + " (";

        // when
        WorkflowFix fix = assertTimeoutPreemptively(HANG, () -> fix(workflow, apiName, "Run " + STEP));

        // then: no job has that name
        assertThat(fix.hasDiff()).isFalse();
    }

    @Test
    void a_step_named_with_expressions_is_matched_without_a_regular_expression() {
        // given
        String workflow = """
                on: [pull_request]
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - name: "%s"
                        run: echo
                      - name: Install ${{ matrix.python }} on ${{ runner.os }}
                        run: %s
                """.formatted("${{ a }}".repeat(40), STEP);

        // when
        WorkflowFix decoy = assertTimeoutPreemptively(HANG, () -> fix(workflow, "test", "y".repeat(500) + "!"));
        WorkflowFix real = fix(workflow, "test", "Install 3.12 on Linux");

        // then
        assertThat(decoy.hasDiff()).isTrue(); // found by the echoed script instead
        assertThat(real.diff()).contains("+      - name: Create a virtual environment");
    }

    @Test
    void nested_anchors_are_compared_once_per_pair_not_once_per_path() {
        // given: 24 anchors, each a list of the one before twice (48 aliases; snakeyaml refuses more than 50), over
        // 200 leaves: 2^24 paths through 1 KB, minutes for equals()
        StringBuilder anchors = new StringBuilder("x-a0: &a0 [" + "l,".repeat(199) + "l]\n");
        for (int i = 1; i <= 24; i++) {
            anchors.append("x-a%d: &a%d [*a%d, *a%d]\n".formatted(i, i, i - 1, i - 1));
        }
        String workflow = anchors + """
                on: [pull_request]
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    env:
                      DEEP: *a24
                    steps:
                      - run: %s
                """.formatted(STEP);

        // when
        WorkflowFix fix = assertTimeoutPreemptively(HANG, () -> fix(workflow, "test", "Run " + STEP));

        // then: the patch is checked and offered
        assertThat(fix.diff()).as(String.valueOf(fix.note())).contains("+      - name: Create a virtual environment");
    }

    @Test
    void two_thousand_nested_brackets_are_refused_with_the_reason_not_a_stack_overflow() {
        // given
        String workflow = "on: [pull_request]\nx: " + "[".repeat(2_000) + "]".repeat(2_000) + "\n"
                + "jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: " + STEP + "\n";

        // when
        WorkflowFix fix = assertTimeoutPreemptively(HANG, () -> fix(workflow, "test", "Run " + STEP));

        // then
        assertThat(fix.hasDiff()).isFalse();
        assertThat(fix.note().plain()).contains("nests deeper than 64 levels");
    }

    @Test
    void a_value_that_holds_itself_is_too_complex_to_compare_not_a_stack_overflow() {
        // given
        String workflow = """
                on: [pull_request]
                x: &loop [*loop]
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: %s
                """.formatted(STEP);

        // when
        WorkflowFix fix = assertTimeoutPreemptively(HANG, () -> fix(workflow, "test", "Run " + STEP));

        // then
        assertThat(fix.hasDiff()).isFalse();
    }

    @Test
    void an_80_kb_script_of_parentheses_is_read_once_for_an_activation() {
        // given: a character that both starts a command and continues a word made the old pattern quadratic
        String workflow = """
                on: [pull_request]
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo %s
                          %s
                """.formatted("(".repeat(80_000), STEP);

        // when
        WorkflowFix fix =
                assertTimeoutPreemptively(HANG, () -> fix(workflow, "test", "Run echo " + "(".repeat(80_000)));

        // then
        assertThat(fix.diff()).as(String.valueOf(fix.note())).contains("+      - name: Create a virtual environment");
    }

    @Test
    void a_long_line_of_installs_without_the_flag_is_edited_in_one_pass() {
        // given: every "install" restarted a scan to the end of the line for --user / --system / -U
        String line = "sudo pip install x" + " install pip".repeat(1_300);

        // when
        String forVenv = assertTimeoutPreemptively(HANG, () -> CommandEdits.forVenv(line));
        String module = assertTimeoutPreemptively(HANG, () -> CommandEdits.pythonMPip(line + " -U"));

        // then
        assertThat(forVenv).startsWith("pip install x install pip");
        assertThat(module).startsWith("sudo python -m pip install x");
    }

    private static WorkflowFix fix(String workflow, String job, String step) {
        return new WorkflowPatcher()
                .fix(new FixRequest(
                        ".github/workflows/ci.yml",
                        workflow,
                        job,
                        step,
                        List.of(STEP),
                        FixStrategy.VENV,
                        RunnerOs.LINUX));
    }
}
