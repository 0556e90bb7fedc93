import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Writes a realistic GitHub Actions job log of a given size: the runner preamble, a checkout, setup-python, a
 * passing pip install, a long C++/Python build and test output (CMake progress brackets, compiler warnings, pytest
 * lines, ANSI colours), and near the end a step whose pip install fails with [Errno 13], then the post steps.
 *
 * <p>Run without compiling: {@code java bench/GenerateLog.java OUT.log SIZE_MIB}. Deterministic for a size.
 */
public class GenerateLog {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String ESC = "\u001b";

    private final OutputStream out;
    private final Random random = new Random(42);
    private long written;
    private long micros = Instant.parse("2026-11-20T09:14:02Z").toEpochMilli() * 1000;

    GenerateLog(OutputStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        long size = Long.parseLong(args.length > 1 ? args[1] : "512") * 1024 * 1024;
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            new GenerateLog(file).write(size);
        }
        System.out.printf("wrote %s (%,d bytes)%n", target, Files.size(target));
    }

    void write(long size) throws IOException {
        line("\uFEFFCurrent runner version: '2.329.0'".substring(1), true);
        for (String l : new String[] {"##[group]Runner Image Provisioner", "Hosted Compute Agent", "Version: 20251016.436",
                "##[endgroup]", "##[group]Operating System", "Ubuntu", "24.04.3", "LTS", "##[endgroup]",
                "##[group]Runner Image", "Image: ubuntu-24.04", "Version: 20261110.1.0", "##[endgroup]",
                "##[group]GITHUB_TOKEN Permissions", "Contents: read", "Metadata: read", "##[endgroup]",
                "Secret source: Actions", "Prepare workflow directory", "Prepare all required actions",
                "Getting action download info",
                "Download action repository 'actions/checkout@v4' (SHA:11bd71901bbe5b1630ceea73d27597364c9af683)",
                "Complete job name: build (ubuntu-24.04, 3.12)", "##[group]Run actions/checkout@v4", "with:",
                "  repository: octo-org/octo-repo", "  token: ***", "##[endgroup]", "Syncing repository: octo-org/octo-repo",
                "[command]/usr/bin/git version", "git version 2.51.2",
                "##[group]Run actions/setup-python@v5", "with:", "  python-version: 3.12", "##[endgroup]",
                "##[group]Installed versions", "Successfully set up CPython (3.12.12)", "##[endgroup]"}) {
            line(l, false);
        }
        header("python -m pip install -r requirements.txt", "/opt/hostedtoolcache/Python/3.12.12/x64");
        for (int i = 0; i < 200; i++) {
            line("Requirement already satisfied: package" + i + " in /opt/hostedtoolcache/Python/3.12.12/x64/lib/python3.12/site-packages (from -r requirements.txt (line " + i + ")) (1." + i + ".0)", false);
        }
        long tail = 1024;
        header("cmake -S . -B build -G Ninja && cmake --build build -j 4 && pytest -v", null);
        int n = 0;
        while (written < size - tail) {
            ordinaryLine(n++);
        }
        line("##[endgroup]", false);
        header("pip install --user -r requirements-extras.txt", null);
        line("Defaulting to user installation because normal site-packages is not writeable", false);
        line("Collecting pyyaml==6.0.3 (from -r requirements-extras.txt (line 1))", false);
        line("Installing collected packages: pyyaml", false);
        line(ESC + "[31mERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/home/runner/.local/lib/python3.12/site-packages/yaml'" + ESC + "[0m", false);
        line("Check the permissions.", false);
        line("", false);
        line("##[error]Process completed with exit code 1.", false);
        line("Post job cleanup.", false);
        line("[command]/usr/bin/git version", false);
        line("Cleaning up orphan processes", false);
        line("Terminate orphan process: pid (" + (1000 + n) + ") (octo-server)", false);
    }

    private void header(String script, String pythonLocation) throws IOException {
        line("##[group]Run " + script, false);
        line(ESC + "[36;1m" + script + ESC + "[0m", false);
        line("shell: /usr/bin/bash -e {0}", false);
        if (pythonLocation != null) {
            line("env:", false);
            line("  pythonLocation: " + pythonLocation, false);
        }
        line("##[endgroup]", false);
    }

    private void ordinaryLine(int n) throws IOException {
        int kind = random.nextInt(100);
        int module = random.nextInt(400);
        if (kind < 25) {
            line("[" + String.format("%3d", n / 20_000 % 100) + "%] Building CXX object src/CMakeFiles/octo.dir/module_" + module + "/parser_" + (n % 97) + ".cpp.o", false);
        } else if (kind < 40) {
            line("/usr/bin/c++ -DOCTO_VERSION=\\\"1.4.2\\\" -I/home/runner/work/octo-repo/octo-repo/include -O2 -g -DNDEBUG -std=gnu++20 -fPIC -Wall -Wextra -MD -MT src/CMakeFiles/octo.dir/module_" + module + "/parser.cpp.o -MF src/CMakeFiles/octo.dir/module_" + module + "/parser.cpp.o.d -o src/CMakeFiles/octo.dir/module_" + module + "/parser.cpp.o -c /home/runner/work/octo-repo/octo-repo/src/module_" + module + "/parser.cpp", false);
        } else if (kind < 45) {
            line("/home/runner/work/octo-repo/octo-repo/src/module_" + module + "/parser.cpp:" + (n % 900) + ":17: warning: unused variable 'tmp" + (n % 13) + "' [-Wunused-variable]", false);
        } else if (kind < 75) {
            line("tests/test_module_" + module + ".py::test_case_" + (n % 5000) + " " + ESC + "[32mPASSED" + ESC + "[0m" + "                                  [" + String.format("%3d", n / 50_000 % 100) + "%]", false);
        } else if (kind < 85) {
            line("  Downloading octo_dep_" + module + "-2." + (n % 30) + ".0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (" + (n % 900) + " kB)", false);
        } else if (kind < 92) {
            line("INFO     octo.server:server.py:" + (n % 400) + " handled request id=" + n + " path=/api/v1/items/" + module + " status=200 in " + (n % 50) + "ms", false);
        } else {
            line("  " + "-- Looking for include file sys/types.h - found; checking module " + module + " options for target octo_" + (n % 50), false);
        }
    }

    private void line(String content, boolean bom) throws IOException {
        micros += 1 + random.nextInt(3000);
        long seconds = micros / 1_000_000;
        String ts = TS.format(Instant.ofEpochSecond(seconds)) + "." + String.format("%07d", (micros % 1_000_000) * 10 + random.nextInt(10)) + "Z ";
        byte[] bytes = ((bom ? "\uFEFF" : "") + ts + content + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        written += bytes.length;
    }
}
