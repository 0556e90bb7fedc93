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
            "job\tstep\t2026-11-20T09:14:03.8254562Z ");

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
