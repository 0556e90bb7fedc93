package dev.pipfix.workflow;

import dev.pipfix.runner.RunnerOs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The OS and shell a step runs with, from {@code runs-on}, the matrix values, the defaults and the step itself.
 *
 * @param shellRequired every run step must name its shell (composite actions)
 */
record Platform(RunnerOs os, Shell shell, boolean container, boolean shellRequired) {

    static Platform of(
            WorkflowDocument document, WorkflowJob job, WorkflowStep step, List<String> matrixValues, RunnerOs hint) {
        RunnerOs os = job.container() ? RunnerOs.LINUX : osOf(job.runsOn(), matrixValues, hint);
        String shell = step.shell() != null ? step.shell() : job.shell() != null ? job.shell() : document.shell();
        Shell resolved;
        if (shell != null) {
            resolved = Shell.of(shell);
        } else if (os == RunnerOs.WINDOWS) {
            resolved = Shell.PWSH;
        } else {
            resolved = job.container() ? Shell.SH : Shell.BASH;
        }
        return new Platform(os, resolved, job.container(), false);
    }

    private static RunnerOs osOf(Node runsOn, List<String> matrixValues, RunnerOs hint) {
        List<String> labels = new ArrayList<>();
        if (runsOn instanceof ScalarNode scalar) {
            labels.add(scalar.getValue());
        } else if (runsOn instanceof SequenceNode sequence) {
            sequence.getValue().forEach(n -> {
                if (n instanceof ScalarNode s) {
                    labels.add(s.getValue());
                }
            });
        }
        if (labels.stream().anyMatch(l -> l.contains("${{"))) {
            labels.addAll(matrixValues);
        }
        for (String label : labels) {
            String l = label.toLowerCase(Locale.ROOT);
            if (l.contains("windows") || l.startsWith("win")) {
                return RunnerOs.WINDOWS;
            }
            if (l.contains("macos") || l.contains("osx")) {
                return RunnerOs.MACOS;
            }
            if (l.contains("ubuntu") || l.equals("linux")) {
                return RunnerOs.LINUX;
            }
        }
        return hint;
    }
}
