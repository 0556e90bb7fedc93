package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -Xmx64m -jar target/pipfix.jar analyze} on a 2 GiB log: streamed, bounded, one finding at the end. */
class AnalyzeCommandIT {

    private static final Path JAR = Path.of("target/pipfix.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void a_2_gib_log_is_scanned_in_64_mib_of_heap_and_its_last_line_found() throws Exception {
        // given 2 GiB of ordinary output, then pip's error
        Path log = dir.resolve("huge.log");
        byte[] block = "2026-11-20T09:14:02.1234567Z [ 42%] Building CXX object src/CMakeFiles/octo.dir/parser.cpp.o\n"
                .repeat(10_000)
                .getBytes(StandardCharsets.UTF_8);
        long blocks = (2L << 30) / block.length + 1;
        try (OutputStream out = Files.newOutputStream(log)) {
            for (long i = 0; i < blocks; i++) {
                out.write(block);
            }
            out.write(("2026-11-20T09:20:00.0000000Z ERROR: Could not install packages due to an OSError: [Errno 13]"
                            + " Permission denied: '/usr/lib/python3/dist-packages/yaml'\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        // when
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx64m",
                        "-jar",
                        JAR.toString(),
                        "analyze",
                        log.toString(),
                        "--format",
                        "json")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.json").toFile())
                .start();

        // then
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("finishes within two minutes")
                .isTrue();
        String out = output();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("\"kind\" : \"permission-denied\"").contains("\"line\" : " + (blocks * 10_000 + 1));
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("out.json"));
    }
}
