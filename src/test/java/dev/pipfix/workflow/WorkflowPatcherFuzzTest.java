package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipfix.runner.RunnerOs;
import dev.pipfix.testing.Hostile;
import java.util.List;

/**
 * Whatever a fork commits as its workflow, and whatever names its jobs and steps carry, the patcher ends within its
 * bound with a patch that passed its checks or a reason for giving none.
 */
class WorkflowPatcherFuzzTest {

    private static final List<String> YAML = List.of(
            "on: [pull_request]\n",
            "jobs:\n",
            "  test:\n",
            "    name: ",
            "${{ matrix.os }}",
            "    runs-on: ubuntu-latest\n",
            "    container: debian:12\n",
            "    steps:\n",
            "      - ",
            "name: Install\n",
            "run: ",
            "run: |\n          ",
            "pip install -r requirements.txt\n",
            "sudo pip install --user x\n",
            ". venv/bin/activate\n",
            "uv pip install --system x\n",
            "uses: actions/setup-python@v5\n",
            "uses: astral-sh/setup-uv@v6\n",
            "with:\n",
            "        activate-environment: true\n",
            "&a ",
            "*a",
            "[",
            "]",
            "{",
            "}",
            "- ",
            ": ",
            "\n",
            "  ",
            "\"",
            "'",
            "#",
            "(",
            "install ",
            "--user ",
            "-U pip ",
            "\t");

    private static final List<String> NAMES = List.of("${{ a }}", "${{", "}}", "x", " (", ")", ", ", "test", "Run ");

    @FuzzTest(maxDuration = "15s")
    void any_workflow_and_names_get_a_checked_patch_or_a_reason_within_the_bound(FuzzedDataProvider data)
            throws Throwable {
        FixStrategy strategy = data.pickValue(FixStrategy.values());
        String job = Hostile.textOf(data, NAMES);
        String step = Hostile.textOf(data, NAMES);
        FixRequest request = new FixRequest(
                ".github/workflows/ci.yml",
                Hostile.textOf(data, YAML),
                job.isEmpty() ? null : job,
                step,
                List.of("pip install -r requirements.txt"),
                strategy,
                RunnerOs.LINUX);
        WorkflowFix fix = Hostile.within(() -> new WorkflowPatcher().fix(request));
        assertThat(fix.hasDiff() || fix.note() != null).isTrue();
    }
}
