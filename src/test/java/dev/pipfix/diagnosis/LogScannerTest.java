package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pipfix.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogScannerTest {

    private static final String ERRNO_13 = "2026-11-20T09:14:03.8254562Z ERROR: Could not install packages due to an"
            + " OSError: [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/yaml'\n";

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {17, 64, 100, 333, 4096})
    void chunk_ends_anywhere_give_the_same_findings_and_line_numbers(int chunkSize) throws IOException {
        // given a real log, scanned with chunks that end in the middle of lines and markers
        String log = Fixtures.text(
                "corpus/positive/permission-denied--system-site-packages--self-hosted-linux-dist-packages.log");

        Diagnosis small = new LogScanner(1, false, chunkSize).scan(stream(log));
        Diagnosis whole = new LogScanner().scan(stream(log));

        assertThat(small).isEqualTo(whole);
        assertThat(whole.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(lineOf(log, "[Errno 13]")));
    }

    @Test
    void the_parallel_scan_equals_the_sequential_one() throws IOException {
        StringBuilder log = new StringBuilder("2026-11-20T09:14:02.1234567Z ##[group]Run pip install -r r.txt\n"
                + "2026-11-20T09:14:02.1234567Z ##[endgroup]\n");
        for (int i = 0; i < 20_000; i++) {
            log.append("2026-11-20T09:14:02.1234567Z [ 42%] Building CXX object src/x")
                    .append(i)
                    .append(".cpp.o\n");
        }
        log.append(ERRNO_13).append("2026-11-20T09:14:04.0000000Z ##[error]Process completed with exit code 1.\n");

        Diagnosis parallel = new LogScanner(2, false, 4096).scan(stream(log.toString()));
        Diagnosis sequential = new LogScanner(1, false, 4096).scan(stream(log.toString()));

        assertThat(parallel).isEqualTo(sequential);
        assertThat(parallel.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(20_003));
        assertThat(parallel.lines()).isEqualTo(20_004);
    }

    @Test
    void a_line_longer_than_the_cap_counts_as_one_line_and_later_lines_keep_their_numbers() throws IOException {
        String giant = "2026-11-20T09:14:02.1234567Z " + "x".repeat(3 * LogScanner.MAX_LINE_BYTES) + "\n";

        Diagnosis diagnosis = new LogScanner(1, false, 8192).scan(stream(giant + giant + ERRNO_13));

        assertThat(diagnosis.lines()).isEqualTo(3);
        assertThat(diagnosis.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(3));
    }

    @Test
    void the_last_line_needs_no_newline_and_crlf_is_read_as_lf() throws IOException {
        String log = ERRNO_13.replace("\n", "\r\n").strip();

        Diagnosis diagnosis = new LogScanner().scan(stream("2026-11-20T09:14:02.1234567Z x\r\n" + log));

        assertThat(diagnosis.lines()).isEqualTo(2);
        assertThat(diagnosis.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.path()).isEqualTo("/usr/lib/python3/dist-packages/yaml");
        });
    }

    @Test
    void an_empty_log_has_no_lines_and_no_findings() throws IOException {
        assertThat(new LogScanner().scan(stream(""))).isEqualTo(new Diagnosis(List.of(), 0, 0));
    }

    @Test
    void binary_utf16_and_zip_input_are_refused_with_what_they_look_like() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
        byte[] utf16 = "\uFEFFhello".getBytes(StandardCharsets.UTF_16LE);
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0};

        assertThatThrownBy(() -> new LogScanner().scan(new ByteArrayInputStream(zip)))
                .isInstanceOf(NotALogException.class)
                .hasMessageContaining("a zip archive");
        assertThatThrownBy(() -> new LogScanner().scan(new ByteArrayInputStream(utf16)))
                .isInstanceOf(NotALogException.class)
                .hasMessageContaining("UTF-16");
        assertThatThrownBy(() -> new LogScanner().scan(new ByteArrayInputStream(elf)))
                .isInstanceOf(NotALogException.class)
                .hasMessageContaining("binary data");
    }

    @Test
    void memory_stays_bounded_for_a_log_far_larger_than_the_heap_share_it_may_use() throws IOException {
        // 64 MiB of ordinary output streamed through: the scanner keeps a few chunks, never the log
        byte[] block = ("2026-11-20T09:14:02.1234567Z tests/test_x.py::test_y PASSED [ 42%]\n")
                .getBytes(StandardCharsets.UTF_8);
        InputStream huge = new SequenceInputStream(Collections.enumeration(
                Collections.nCopies(64 * 1024 * 1024 / block.length, (InputStream) null).stream()
                        .map(ignored -> (InputStream) new ByteArrayInputStream(block))
                        .toList()));

        Diagnosis diagnosis = new LogScanner().scan(huge);

        assertThat(diagnosis.lines()).isEqualTo(64 * 1024 * 1024 / block.length);
        assertThat(diagnosis.findings()).isEmpty();
    }

    private static long lineOf(String log, String text) {
        String[] lines = log.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the log");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void uv_os_errors_that_are_not_installs_ask_about_the_script_once_not_once_per_line() throws IOException {
        // given: a step echoing 200 script lines, then 200,000 uv-framed os errors of another tool (no install): each
        // one re-read the whole script before
        StringBuilder log = new StringBuilder("2026-11-20T09:14:02.1234567Z ##[group]Run make\n");
        for (int i = 0; i < 200; i++) {
            log.append("2026-11-20T09:14:02.1234567Z \u001B[36;1m")
                    .append("echo step ")
                    .append(i)
                    .append(" ")
                    .append("x".repeat(400))
                    .append("\u001B[0m\n");
        }
        log.append("2026-11-20T09:14:02.1234567Z ##[endgroup]\n");
        String error = "2026-11-20T09:14:03.1234567Z error: failed to read `/src/a.txt`\n"
                + "2026-11-20T09:14:03.1234567Z Caused by: Permission denied (os error 13)\n";
        log.append(error.repeat(100_000));

        // when
        Diagnosis diagnosis =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new LogScanner().scan(stream(log.toString())));

        // then: not an install, so no finding
        assertThat(diagnosis.findings()).isEmpty();
    }
}
