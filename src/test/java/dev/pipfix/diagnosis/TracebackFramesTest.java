package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** pip's and pipx's frames are told as the patterns before issue 23 told them, on many random frame lines. */
class TracebackFramesTest {

    /** The patterns as they were: the oracle, never used by pipfix. */
    private static final Pattern OLD_PIP_FRAME = Pattern.compile(
            "^File \".*(?:[/\\\\]pip[/\\\\](?:_internal[/\\\\]|basecommand\\.py|req[/\\\\]|wheel\\.py|commands[/\\\\]"
                    + "|utils[/\\\\]|download\\.py|__main__\\.py)|[/\\\\]bin[/\\\\]pip[0-9.]*\"|"
                    + "[/\\\\]Scripts[/\\\\]pip[0-9.]*(?:\\.exe)?[/\\\\]).*");

    private static final Pattern OLD_PIPX_FRAME =
            Pattern.compile("^File \".*(?:[/\\\\]pipx[/\\\\][a-z_/\\\\]{1,80}\\.py|[/\\\\]bin[/\\\\]pipx)\".*");

    private static final List<String> PARTS = List.of(
            "/",
            "\\",
            "pip",
            "pipx",
            "_internal",
            "req",
            "wheel.py",
            "commands",
            "utils",
            "download.py",
            "__main__.py",
            "basecommand.py",
            "bin",
            "Scripts",
            "3",
            ".",
            "exe",
            ".exe",
            "\"",
            ", line 5",
            "usr",
            "lib",
            "x.py",
            "a_b",
            "install.py",
            "py",
            "site-packages");

    @Test
    void pip_and_pipx_frames_are_told_as_before_on_random_frame_lines() {
        Random random = new Random(23);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder line = new StringBuilder("File \"");
            int parts = random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                line.append(PARTS.get(random.nextInt(PARTS.size())));
            }
            String frame = line.toString();
            assertThat(TracebackFrames.isPipFrame(frame))
                    .as(frame)
                    .isEqualTo(OLD_PIP_FRAME.matcher(frame).matches());
            assertThat(TracebackFrames.isPipxFrame(frame))
                    .as(frame)
                    .isEqualTo(OLD_PIPX_FRAME.matcher(frame).matches());
        }
    }

    @Test
    void real_frames() {
        assertThat(TracebackFrames.isPipFrame(
                        "File \"/usr/lib/python3/dist-packages/pip/_internal/commands/install.py\", line 402, in run"))
                .isTrue();
        assertThat(TracebackFrames.isPipFrame("File \"C:\\hostedtoolcache\\Python\\Scripts\\pip.exe\\__main__.py\""))
                .isTrue();
        assertThat(TracebackFrames.isPipxFrame(
                        "File \"/opt/pipx/venvs/pipx/lib/python3.12/site-packages/pipx/commands/install.py\", line 5"))
                .isTrue();
        assertThat(TracebackFrames.isPipFrame("File \"/src/app/main.py\", line 3, in <module>"))
                .isFalse();
    }
}
