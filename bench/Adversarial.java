import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.runner.RunnerOs;
import dev.pipfix.settings.RepoSettingsFile;
import dev.pipfix.workflow.FixRequest;
import dev.pipfix.workflow.FixStrategy;
import dev.pipfix.workflow.WorkflowPatcher;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The worst time per MB of adversarial input against the same size of ordinary input, for the three parsers a fork's
 * input reaches before anyone has looked at it: the log scanner, the workflow patcher and the settings file. Each
 * adversarial input is one of issue 23's attacks (or a shape the fuzz properties exercise) scaled to about the
 * ordinary input's size. Prints Markdown rows: input, MB, median ms of 7 after 3 warm-ups, ms per MB, ratio to the
 * ordinary input of its parser.
 *
 * <p>Run: {@code java -cp target/pipfix.jar bench/Adversarial.java}.
 */
public class Adversarial {

    private static final String TS = "2026-11-20T09:14:03.1234567Z ";

    record Input(String name, byte[] bytes, Runnable work) {}

    public static void main(String[] args) {
        List<List<Input>> groups = List.of(logs(), workflows(), settings());
        System.out.println("| parser | input | MB | median ms | ms per MB | × ordinary |");
        System.out.println("|---|---|---|---|---|---|");
        for (List<Input> group : groups) {
            double ordinary = -1;
            for (Input input : group) {
                double mb = input.bytes().length / 1_048_576.0;
                double ms = median(input.work());
                double perMb = ms / mb;
                if (ordinary < 0) {
                    ordinary = perMb;
                }
                System.out.printf(
                        "| %s | %s | %.2f | %.1f | %.1f | %.2f |%n",
                        input.name().substring(0, input.name().indexOf(':')),
                        input.name().substring(input.name().indexOf(':') + 2),
                        mb,
                        ms,
                        perMb,
                        perMb / ordinary);
            }
        }
    }

    private static double median(Runnable work) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        double[] ms = new double[7];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    // ---- the log scanner: 8 MB of each

    private static final int LOG_BYTES = 8 << 20;

    private static List<Input> logs() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(log("scanner: ordinary job log (build output, one pip error)", () -> {
            StringBuilder log = header("pip install -r requirements.txt");
            int i = 0;
            while (log.length() < LOG_BYTES) {
                log.append(TS).append("[ 42%] Building CXX object src/module").append(i++).append(".cpp.o\n");
                log.append(TS).append("\u001B[32mPASSED\u001B[0m tests/test_x.py::test_").append(i).append('\n');
            }
            return errno13(log);
        }));
        inputs.add(log("scanner: the same log copied from the web page (no timestamps: every line reaches the rules)", () -> {
            StringBuilder log = new StringBuilder(LOG_BYTES + 100_000).append("Run pip install -r requirements.txt\n");
            int i = 0;
            while (log.length() < LOG_BYTES) {
                log.append("[ 42%] Building CXX object src/module").append(i++).append(".cpp.o\n");
                log.append("PASSED tests/test_x.py::test_").append(i).append('\n');
            }
            return log.append("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                    + " '/usr/lib/python3/dist-packages/yaml'\nError: Process completed with exit code 1.\n");
        }));
        inputs.add(log("scanner: uv os errors that are not installs, one step, 200-line script", () -> {
            StringBuilder log = header("make");
            while (log.length() < LOG_BYTES) {
                log.append(TS).append("error: failed to read `/src/a.txt`\n");
                log.append(TS).append("Caused by: Permission denied (os error 13)\n");
            }
            return log;
        }));
        inputs.add(log("scanner: traced commands of 2,000 parentheses", () -> {
            StringBuilder log = header("make");
            while (log.length() < LOG_BYTES) {
                log.append(TS).append("[command]").append("(".repeat(1_990)).append(" pip x\n");
            }
            return errno13(log);
        }));
        inputs.add(log("scanner: traced commands of 500 pips", () -> {
            StringBuilder log = header("make");
            while (log.length() < LOG_BYTES) {
                log.append(TS).append("[command]").append("pip ".repeat(495)).append('\n');
            }
            return errno13(log);
        }));
        inputs.add(log("scanner: 16 KB lines of backticks after uv's error", () -> {
            StringBuilder log = header("uv pip install x");
            while (log.length() < LOG_BYTES) {
                log.append(TS).append("error: Failed to install: x\n");
                log.append(TS).append("Caused by: `").append("a`b".repeat(5_000)).append(" (os error 2)\n");
            }
            return log;
        }));
        inputs.add(log("scanner: pip's OSError line with 16 KB of text after it", () -> {
            StringBuilder log = header("pip install x");
            while (log.length() < LOG_BYTES) {
                log.append(TS).append("ERROR: Could not install packages due to an OSError: ")
                        .append("[Errno 1".repeat(2_000)).append('\n');
            }
            return log;
        }));
        inputs.add(log("scanner: frames of labels, brackets and bars before every line (issue 24)", () -> {
            StringBuilder log = header("make");
            String frame = "py312: web-1  | [2024-02-27 00:22:25] \u2502 #12 3.456 nox > ".repeat(8);
            while (log.length() < LOG_BYTES) {
                log.append(TS).append(frame).append("error: x\n");
                log.append(TS).append("a: ".repeat(4_000)).append('\n');
            }
            return errno13(log);
        }));
        inputs.add(log("scanner: pasted frames and mojibake on every line (no timestamps)", () -> {
            StringBuilder log = new StringBuilder(LOG_BYTES + 100_000).append("Run pip install x\n");
            while (log.length() < LOG_BYTES) {
                log.append("> - * ` ".repeat(40)).append("\u00C3\u2014 This environment\n");
                log.append("\uFFFD".repeat(2_000)).append(">\n");
                log.append("Run pip install xERROR: ").append("x".repeat(2_000)).append('\n');
            }
            return log;
        }));
        inputs.add(log("scanner: traceback frames of 2 KB (the longest read as frames)", () -> {
            StringBuilder log = header("pip install x");
            while (log.length() < LOG_BYTES) {
                log.append(TS).append("Traceback (most recent call last):\n");
                log.append(TS).append("  File \"").append("/pip".repeat(500)).append('\n');
            }
            return log;
        }));
        return inputs;
    }

    private static StringBuilder header(String command) {
        StringBuilder log = new StringBuilder(LOG_BYTES + 100_000);
        log.append(TS).append("##[group]Run ").append(command).append('\n');
        for (int i = 0; i < 200; i++) {
            log.append(TS).append("\u001B[36;1m").append(i == 0 ? command : "echo " + "x".repeat(300)).append("\u001B[0m\n");
        }
        return log.append(TS).append("##[endgroup]\n");
    }

    private static StringBuilder errno13(StringBuilder log) {
        return log.append(TS)
                .append("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                        + " '/usr/lib/python3/dist-packages/yaml'\n")
                .append(TS)
                .append("##[error]Process completed with exit code 1.\n");
    }

    private static Input log(String name, Supplier<StringBuilder> text) {
        byte[] bytes = text.get().toString().getBytes(StandardCharsets.UTF_8);
        return new Input(name, bytes, () -> {
            try {
                new LogScanner().scan(new ByteArrayInputStream(bytes));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // ---- the workflow patcher: about 1 MB of each (GitHub's contents API limit for a file's text)

    private static final int WORKFLOW_CHARS = 1_000_000;

    private static List<Input> workflows() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(workflow("patcher: ordinary workflow, many jobs, the failing one last", "test", () -> {
            StringBuilder yaml = new StringBuilder("on: [pull_request]\njobs:\n");
            for (int i = 0; yaml.length() < WORKFLOW_CHARS; i++) {
                yaml.append("  job").append(i).append(":\n    name: Job ").append(i)
                        .append("\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n")
                        .append("      - run: make test\n");
            }
            return lastJob(yaml);
        }));
        inputs.add(workflow("patcher: decoy jobs named with 30 expressions", "x".repeat(200) + " (", () -> {
            StringBuilder yaml = new StringBuilder("on: [pull_request]\njobs:\n");
            for (int i = 0; yaml.length() < WORKFLOW_CHARS; i++) {
                yaml.append("  decoy").append(i).append(":\n    if: false\n    name: \"")
                        .append("${{ matrix.a }}".repeat(30)).append("\"\n    runs-on: ubuntu-latest\n    steps:\n")
                        .append("      - run: echo\n");
            }
            return lastJob(yaml);
        }));
        inputs.add(workflow("patcher: 24 nested anchors over a long list", "test", () -> {
            StringBuilder yaml = new StringBuilder("x-a0: &a0 [" + "l,".repeat(199) + "l]\n");
            for (int i = 1; i <= 24; i++) {
                yaml.append("x-a%d: &a%d [*a%d, *a%d]\n".formatted(i, i, i - 1, i - 1));
            }
            yaml.append("x-pad: [").append("p,".repeat((WORKFLOW_CHARS - 2_000) / 2)).append("p]\n");
            yaml.append("on: [pull_request]\njobs:\n  other:\n    runs-on: ubuntu-latest\n    env:\n      DEEP: *a24\n")
                    .append("    steps:\n      - run: echo\n");
            return lastJob(yaml);
        }));
        inputs.add(workflow("patcher: a 1 MB script of parentheses before pip", "test", () -> {
            StringBuilder yaml = new StringBuilder("on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                    + "    steps:\n      - run: |\n");
            while (yaml.length() < WORKFLOW_CHARS) {
                yaml.append("          echo ").append("(".repeat(1_000)).append('\n');
            }
            return yaml.append("          pip install -r requirements.txt\n");
        }));
        inputs.add(workflow("patcher: lines of 16 KB of pip installs and flags", "test", () -> {
            StringBuilder yaml = new StringBuilder("on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                    + "    steps:\n      - run: |\n");
            while (yaml.length() < WORKFLOW_CHARS) {
                yaml.append("          sudo pip install x").append(" install pip -U".repeat(1_000)).append('\n');
            }
            return yaml.append("          pip install -r requirements.txt\n");
        }));
        inputs.add(workflow("patcher: nesting 64 deep, repeated", "test", () -> {
            StringBuilder yaml = new StringBuilder("on: [pull_request]\n");
            for (int i = 0; yaml.length() < WORKFLOW_CHARS - 300; i++) {
                yaml.append("x").append(i).append(": ").append("[".repeat(60)).append("]".repeat(60)).append('\n');
            }
            yaml.append("jobs:\n");
            return lastJob(yaml);
        }));
        return inputs;
    }

    private static StringBuilder lastJob(StringBuilder yaml) {
        return yaml.append("  test:\n    runs-on: ubuntu-latest\n    steps:\n")
                .append("      - run: pip install -r requirements.txt\n");
    }

    private static Input workflow(String name, String job, Supplier<StringBuilder> text) {
        String yaml = text.get().toString();
        FixRequest request = new FixRequest(
                ".github/workflows/ci.yml",
                yaml,
                job,
                "Run pip install -r requirements.txt",
                List.of("pip install -r requirements.txt"),
                FixStrategy.VENV,
                RunnerOs.LINUX);
        return new Input(name, yaml.getBytes(StandardCharsets.UTF_8), () -> new WorkflowPatcher().fix(request));
    }

    // ---- .github/pipfix.yml: about 64 KB of each, the most pipfix reads of one

    private static final int SETTINGS_CHARS = 64 * 1024 - 100;

    private static List<Input> settings() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(settingsFile("settings: ordinary file, a long list of workflows", () -> {
            StringBuilder yaml = new StringBuilder("enabled: true\nworkflows:\n");
            for (int i = 0; yaml.length() < SETTINGS_CHARS; i++) {
                yaml.append("  - CI number ").append(i).append('\n');
            }
            return yaml;
        }));
        inputs.add(settingsFile("settings: anchors and aliases everywhere", () -> {
            StringBuilder yaml = new StringBuilder("x: &a [" + "l,".repeat(100) + "l]\nworkflows:\n");
            for (int i = 0; yaml.length() < SETTINGS_CHARS; i++) {
                yaml.append("  - ").append(i < 40 ? "*a" : "&n" + i + " w" + i).append('\n');
            }
            return yaml;
        }));
        inputs.add(settingsFile("settings: one 1 MB scalar", () -> new StringBuilder("enabled: \"")
                .append("x".repeat(SETTINGS_CHARS)).append("\"\n")));
        return inputs;
    }

    private static Input settingsFile(String name, Supplier<StringBuilder> text) {
        String yaml = text.get().toString();
        return new Input(name, yaml.getBytes(StandardCharsets.UTF_8), () -> RepoSettingsFile.parse(yaml));
    }
}
