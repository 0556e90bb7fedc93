package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.runner.RunnerOs;
import dev.pipfix.testing.Hostile;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Provide
    Arbitrary<FixRequest> requests() {
        Arbitrary<String> text = Hostile.textOf(YAML);
        Arbitrary<String> name = Hostile.textOf(List.of("${{ a }}", "${{", "}}", "x", " (", ")", ", ", "test", "Run "));
        Arbitrary<FixStrategy> strategy = Arbitraries.of(FixStrategy.class);
        return Combinators.combine(text, name, name, strategy)
                .as((workflow, job, step, how) -> new FixRequest(
                        ".github/workflows/ci.yml",
                        workflow,
                        job.isEmpty() ? null : job,
                        step,
                        List.of("pip install -r requirements.txt"),
                        how,
                        RunnerOs.LINUX));
    }

    @Property(tries = 400)
    void any_workflow_and_names_get_a_checked_patch_or_a_reason_within_the_bound(
            @ForAll("requests") FixRequest request) {
        WorkflowFix fix = Hostile.within(() -> new WorkflowPatcher().fix(request));
        assertThat(fix.hasDiff() || fix.note() != null).isTrue();
    }
}
