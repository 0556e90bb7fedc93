package dev.pipfix.workflow;

import dev.pipfix.runner.RunnerOs;
import java.util.ArrayList;
import java.util.List;

/**
 * The step that creates {@code .venv} and puts it first on PATH for every later step, in the job's own shell (and
 * the {@code actions/setup-python} step, when a repository prefers that).
 * {@code $GITHUB_PATH} only changes PATH for later steps, which is why it is a step of its own before the failing
 * one. The POSIX form is plain sh, so it also runs in containers whose default shell is sh.
 */
final class VenvStep {

    static final String NAME = "Create a virtual environment";
    static final String SETUP_PYTHON_NAME = "Set up Python";
    static final String PIPX_HOME_NAME = "Give pipx directories the job owns";

    private VenvStep() {}

    /**
     * @param create      the command that creates the environment, given its path: {@code python3 -m venv} ({@code
     *                    python} after actions/setup-python or on Windows), or {@code uv venv}
     * @param condition   the failing step's {@code if:} as written, or null: the new step runs where it would
     * @param venvPath    the environment's directory relative to the workspace, of plain characters (the settings
     *                    file's {@code venv_path} is checked for that)
     * @return lines as (nesting level, text): level 0 are the step's keys, level 1 the script
     */
    static List<Line> lines(Platform platform, String create, String condition, String venvPath) {
        return lines(platform, create, condition, venvPath, false);
    }

    /**
     * @param installVenvModule the job runs as root in a Debian or Ubuntu image that may lack venv's ensurepip
     *     ({@code python3-venv}): the step installs it when venv cannot work without it
     */
    static List<Line> lines(
            Platform platform, String create, String condition, String venvPath, boolean installVenvModule) {
        String venv = platform.os() == RunnerOs.WINDOWS ? venvPath.replace('/', '\\') : venvPath;
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(0, "name: " + NAME));
        if (condition != null) {
            lines.add(new Line(0, "if: " + condition));
        }
        if (platform.os() == RunnerOs.WINDOWS) {
            if (platform.shell() == Shell.CMD) {
                if (platform.shellRequired()) {
                    lines.add(new Line(0, "shell: cmd"));
                }
                lines.add(new Line(0, "run: |"));
                lines.add(new Line(1, create + " " + venv));
                lines.add(new Line(1, "echo %CD%\\" + venv + "\\Scripts>> \"%GITHUB_PATH%\""));
                lines.add(new Line(1, "echo VIRTUAL_ENV=%CD%\\" + venv + ">> \"%GITHUB_ENV%\""));
                return lines;
            }
            if (platform.shell() != Shell.PWSH && platform.shell() != Shell.POWERSHELL) {
                lines.add(new Line(0, "shell: pwsh"));
            } else if (platform.shellRequired()) {
                lines.add(new Line(0, "shell: " + (platform.shell() == Shell.POWERSHELL ? "powershell" : "pwsh")));
            }
            lines.add(new Line(0, "run: |"));
            lines.add(new Line(1, create + " " + venv));
            lines.add(new Line(
                    1,
                    "\"$PWD\\" + venv + "\\Scripts\" | Out-File -FilePath $env:GITHUB_PATH -Encoding utf8"
                            + " -Append"));
            lines.add(new Line(
                    1,
                    "\"VIRTUAL_ENV=$PWD\\" + venv + "\" | Out-File -FilePath $env:GITHUB_ENV -Encoding utf8"
                            + " -Append"));
            return lines;
        }
        if (!platform.shell().posix() || platform.shellRequired()) {
            lines.add(new Line(0, "shell: " + (platform.shell() == Shell.SH ? "sh" : "bash")));
        }
        lines.add(new Line(0, "run: |"));
        if (installVenvModule && create.startsWith("python3 -m venv")) {
            // Debian's and Ubuntu's images ship pip without venv's ensurepip (python3-venv)
            lines.add(new Line(1, create + " " + venv + " || {"));
            lines.add(
                    new Line(
                            2,
                            "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv"));
            lines.add(new Line(2, create + " " + venv));
            lines.add(new Line(1, "}"));
        } else {
            lines.add(new Line(1, create + " " + venv));
        }
        lines.add(new Line(1, "echo \"$PWD/" + venv + "/bin\" >> \"$GITHUB_PATH\""));
        lines.add(new Line(1, "echo \"VIRTUAL_ENV=$PWD/" + venv + "\" >> \"$GITHUB_ENV\""));
        return lines;
    }

    /**
     * The step that points pipx at directories under the runner's temporary directory, which the job's user owns, for
     * every later step: {@code PIPX_HOME}, {@code PIPX_BIN_DIR}, and that bin directory on PATH.
     */
    static List<Line> pipxHome(Platform platform, String condition) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(0, "name: " + PIPX_HOME_NAME));
        if (condition != null) {
            lines.add(new Line(0, "if: " + condition));
        }
        if (platform.os() == RunnerOs.WINDOWS && platform.shell() == Shell.CMD) {
            if (platform.shellRequired()) {
                lines.add(new Line(0, "shell: cmd"));
            }
            lines.add(new Line(0, "run: |"));
            lines.add(new Line(1, "echo PIPX_HOME=%RUNNER_TEMP%\\pipx>> \"%GITHUB_ENV%\""));
            lines.add(new Line(1, "echo PIPX_BIN_DIR=%RUNNER_TEMP%\\pipx\\bin>> \"%GITHUB_ENV%\""));
            lines.add(new Line(1, "echo %RUNNER_TEMP%\\pipx\\bin>> \"%GITHUB_PATH%\""));
            return lines;
        }
        if (platform.os() == RunnerOs.WINDOWS) {
            if (platform.shell() != Shell.PWSH && platform.shell() != Shell.POWERSHELL) {
                lines.add(new Line(0, "shell: pwsh"));
            } else if (platform.shellRequired()) {
                lines.add(new Line(0, "shell: " + (platform.shell() == Shell.POWERSHELL ? "powershell" : "pwsh")));
            }
            lines.add(new Line(0, "run: |"));
            String append = " | Out-File -FilePath $env:GITHUB_ENV -Encoding utf8 -Append";
            lines.add(new Line(1, "\"PIPX_HOME=$env:RUNNER_TEMP\\pipx\"" + append));
            lines.add(new Line(1, "\"PIPX_BIN_DIR=$env:RUNNER_TEMP\\pipx\\bin\"" + append));
            lines.add(new Line(
                    1, "\"$env:RUNNER_TEMP\\pipx\\bin\" | Out-File -FilePath $env:GITHUB_PATH -Encoding utf8 -Append"));
            return lines;
        }
        if (!platform.shell().posix() || platform.shellRequired()) {
            lines.add(new Line(0, "shell: " + (platform.shell() == Shell.SH ? "sh" : "bash")));
        }
        lines.add(new Line(0, "run: |"));
        lines.add(new Line(1, "echo \"PIPX_HOME=$RUNNER_TEMP/pipx\" >> \"$GITHUB_ENV\""));
        lines.add(new Line(1, "echo \"PIPX_BIN_DIR=$RUNNER_TEMP/pipx/bin\" >> \"$GITHUB_ENV\""));
        lines.add(new Line(1, "echo \"$RUNNER_TEMP/pipx/bin\" >> \"$GITHUB_PATH\""));
        return lines;
    }

    /**
     * The {@code actions/setup-python} step, with the failing step's condition.
     *
     * @param uses its {@code uses:} value ({@link InsertedAction#uses}), pinned as the workflow pins its actions
     */
    static List<Line> setupPython(String condition, String uses) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(0, "name: " + SETUP_PYTHON_NAME));
        if (condition != null) {
            lines.add(new Line(0, "if: " + condition));
        }
        lines.add(new Line(0, "uses: " + uses));
        lines.add(new Line(0, "with:"));
        lines.add(new Line(1, "python-version: '3.x'"));
        return lines;
    }

    /** The step as YAML at the given indentation: the dash at {@code dash}, keys at {@code keys}. */
    static String render(List<Line> lines, int dash, int keys, int unit, String newline) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (i == 0) {
                out.append(" ".repeat(dash)).append('-').append(" ".repeat(keys - dash - 1));
            } else {
                out.append(" ".repeat(keys + line.level() * unit));
            }
            out.append(line.text()).append(newline);
        }
        return out.toString();
    }

    record Line(int level, String text) {}
}
