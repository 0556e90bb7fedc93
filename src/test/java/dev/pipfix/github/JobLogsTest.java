package dev.pipfix.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobLogsTest {

    @Test
    void lines_are_split_on_newlines_and_the_last_line_needs_none() throws Exception {
        List<String> lines = new ArrayList<>();

        LogRead read = new JobLogs(1_000).split(stream("a\nbé\r\n\nlast"), lines::add);

        assertThat(lines).containsExactly("a", "bé\r", "", "last");
        assertThat(read).isEqualTo(new LogRead(12, 4, false));
    }

    @Test
    void reading_stops_at_the_cap_and_says_the_log_was_truncated() throws Exception {
        List<String> lines = new ArrayList<>();

        LogRead read = new JobLogs(10).split(stream("0123456\n89abcdef\n"), lines::add);

        assertThat(read.truncated()).isTrue();
        assertThat(read.bytes()).isEqualTo(10);
        assertThat(lines).containsExactly("0123456", "89");
    }

    @Test
    void a_log_exactly_at_the_cap_is_not_truncated() throws Exception {
        LogRead read = new JobLogs(8).split(stream("0123456\n"), line -> { });

        assertThat(read.truncated()).isFalse();
    }

    @Test
    void a_giant_line_keeps_only_its_beginning() throws Exception {
        List<String> lines = new ArrayList<>();

        new JobLogs(10_000_000).split(stream("x".repeat(1_000_000) + "\nnext\n"), lines::add);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(JobLogs.MAX_LINE_BYTES);
        assertThat(lines.get(1)).isEqualTo("next");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
