package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipfix.testing.Hostile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Whatever a fork's job logs, the scanner ends within its bound with findings or a clear refusal. Jazzer runs the kept
 * inputs with every build, and fuzzes when {@code JAZZER_FUZZ=1} (as {@code .ci/run}'s fuzzing pass does).
 */
class LogScannerFuzzTest {

    private static final List<String> FRAGMENTS = List.of(
            "\n",
            "2026-11-20T09:14:03.8254562Z ",
            "##[group]Run ",
            "##[endgroup]\n",
            "##[error]Process completed with exit code 1.\n",
            "\u001B[36;1m",
            "\u001B[0m",
            "pip install -r requirements.txt",
            "ERROR: Could not install packages due to an OSError: ",
            "[Errno 13] Permission denied: '",
            "/usr/lib/python3/dist-packages/",
            "'\n",
            "[WinError 5] Access is denied: ",
            "error: externally-managed-environment\n",
            "× This environment is externally managed\n╰─> ",
            "error: Failed to install: x\n",
            "Caused by: failed to create directory `",
            "`\n",
            "Caused by: Permission denied (os error 13)\n",
            "error: The interpreter at /usr is externally managed",
            "Traceback (most recent call last):\n",
            "  File \"/usr/lib/python3/dist-packages/pip/_internal/",
            "PermissionError: [Errno 13] ",
            "Defaulting to user installation because normal site-packages is not writeable\n",
            "[command]/usr/bin/pip install ",
            "+ sudo pip install -U pip ",
            "#12 3.456 ",
            "(",
            "`",
            "'",
            "\"",
            " ",
            "uv pip install --system ",
            "error: uninstall-no-record-file\n",
            "Cannot uninstall 'PyYAML'. It is a distutils installed project",
            "- Installing x (1.0): Failed\n",
            "job\tstep\t2026-11-20T09:14:03.8254562Z ",
            "py312: ",
            "web-1  | ",
            "nox > ",
            "[2024-02-27 00:22:25] \u2502 ",
            "10.88 ",
            "2024-02-27T00:22:25.123456Z 00O ",
            "\u00C3\u2014 ",
            "\u00E2\u2022\u00B0\u00E2\u201D\u20AC> ",
            "\uFFFD",
            "> ",
            "- ",
            "Run pip install xERROR: ",
            "\u00D7 Failed to create virtualenv\n",
            "\u251C\u2500\u25B6 failed to remove directory `.venv`\n",
            "\u2570\u2500\u25B6 Access is denied. (os error 5)\n",
            "Hint: The package was installed by debian.\n",
            "hint: You might be able to recover from this via: pip install --ignore-installed\n",
            "Requirement already satisfied: x in /usr/lib/python3/dist-packages\n",
            "The above exception was the direct cause of the following exception:\n",
            "  File \"/usr/lib/python3/dist-packages/pipx/main.py\", line 1, in cli\n",
            "error: Cannot update time stamp of directory '",
            "error: can't create or remove files in install directory\n",
            "Can not perform a '--user' install. User site-packages are not visible in this virtualenv.\n",
            "ERROR: Cannot uninstall packaging 24.0, RECORD file not found.\n",
            "ERROR: Could not install packages due to an\n",
            "+ echo ");

    @FuzzTest(maxDuration = "15s")
    void any_log_is_scanned_within_the_bound(FuzzedDataProvider data) throws Throwable {
        byte[] bytes = Hostile.textOf(data, FRAGMENTS).getBytes(StandardCharsets.UTF_8);
        Diagnosis diagnosis = Hostile.within(() -> {
            try {
                return new LogScanner().scan(new ByteArrayInputStream(bytes));
            } catch (NotALogException e) {
                return null;
            }
        });
        if (diagnosis != null) {
            assertThat(diagnosis.findings().size()).isLessThanOrEqualTo(1_000);
        }
    }
}
