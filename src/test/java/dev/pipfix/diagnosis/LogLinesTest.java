package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void bom_timestamp_ansi_and_carriage_return_are_removed() {
        String raw = "\uFEFF2026-11-20T09:14:02.1234567Z \u001B[36;1mpip install -r requirements.txt\u001B[0m\r";

        assertThat(LogLines.clean(raw)).isEqualTo("pip install -r requirements.txt");
    }

    @Test
    void an_empty_output_line_is_the_timestamp_and_a_space() {
        assertThat(LogLines.clean("2026-11-20T09:14:02.1234567Z ")).isEmpty();
    }

    @Test
    void a_line_without_framing_is_kept_as_it_is() {
        assertThat(LogLines.clean("  Uninstalling pip-24.0:")).isEqualTo("  Uninstalling pip-24.0:");
    }
}
