package dev.pipfix.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedInputStreamTest {

    @Test
    void reading_stops_at_the_cap_and_says_there_was_more() throws Exception {
        CappedInputStream in = new CappedInputStream(stream("0123456789abcdef"), 10);

        byte[] read = in.readAllBytes();

        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("0123456789");
        assertThat(in.truncated()).isTrue();
    }

    @Test
    void a_stream_exactly_at_the_cap_is_not_truncated() throws Exception {
        CappedInputStream in = new CappedInputStream(stream("01234567"), 8);

        assertThat(in.readAllBytes()).hasSize(8);
        assertThat(in.truncated()).isFalse();
    }

    @Test
    void a_short_stream_is_read_whole() throws Exception {
        CappedInputStream in = new CappedInputStream(stream("abc"), 1_000);

        assertThat(in.readAllBytes()).hasSize(3);
        assertThat(in.truncated()).isFalse();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
