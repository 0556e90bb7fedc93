package dev.pipfix.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void a_code_span_outlasts_backticks_in_the_text() {
        assertThat(Markdown.codeSpan("run ``x`` @octocat")).isEqualTo("```run ``x`` @octocat```");
    }

    @Test
    void a_code_span_pads_text_that_starts_with_a_backtick() {
        assertThat(Markdown.codeSpan("`x")).isEqualTo("`` `x ``");
    }

    @Test
    void a_code_span_is_one_line() {
        assertThat(Markdown.codeSpan("a\nb")).isEqualTo("`a b`");
    }

    @Test
    void a_fenced_block_cannot_be_closed_by_a_fence_in_the_text() {
        String block = Markdown.fencedBlock("text", "```\n<img src=x onerror=alert(1)>\n````");

        assertThat(block).startsWith("`````text\n").endsWith("\n`````");
    }
}
