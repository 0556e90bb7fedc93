package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pip commands a log traces and a script runs are recognised as before issue 23 on many random short commands,
 * and in bounded time on the long ones a fork can log.
 */
class PipCommandsTest {

    /** The patterns as they were: the oracle, never used by pipfix. */
    private static final Pattern OLD_PIP_INSTALL = Pattern.compile(
            "(?:^|[\\s;&|(`'\"])(?:\\S*[/\\\\])?(?:pip[0-9.]*(?:\\.exe)?|(?:python|py)[0-9.]*(?:\\.exe)?(?:\\s+-[A-Za-z0-9]+)*"
                    + "\\s+-m\\s+pip)\\s+(?:[^\\s;&|]+\\s+)*?(?:install|uninstall)\\b"
                    + "|(?:^|[\\s;&|(`'\"])(?:\\S*[/\\\\])?uv\\s+(?:pip\\s+(?:install|sync)|sync|add|tool\\s+install)\\b"
                    + "|(?:^|[\\s;&|(`'\"])poetry\\s+(?:install|add|sync|update)\\b"
                    + "|(?:^|[\\s;&|(`'\"])pipx\\s+(?:install|inject|upgrade|reinstall)\\b");

    private static final Pattern OLD_SELF_UPGRADE = Pattern.compile(
            "\\binstall\\b.*(?:-U|--upgrade)\\b.*(?:\\s|^)pip(?:\\s|$|==|>=)|\\binstall\\b.*(?:\\s)pip(?:\\s|$).*(?:-U|--upgrade)\\b");

    private static final List<String> WORDS = List.of(
            "pip",
            "pip3",
            "pip==24",
            "pip>=2",
            "python",
            "-m",
            "install",
            "uninstall",
            "uv",
            "sync",
            "-U",
            "--upgrade",
            "x",
            "/usr/bin/",
            "(",
            "`",
            "\"",
            ";",
            "poetry",
            "pipx",
            "add",
            "-q",
            "a/b(",
            "_",
            "-Ux");
    private static final List<String> GAPS = List.of(" ", " ", "", "\t");

    @Test
    void pip_installs_and_pip_upgrading_itself_are_recognised_as_the_old_patterns_did() {
        Random random = new Random(23);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder line = new StringBuilder();
            int words = 1 + random.nextInt(8);
            for (int w = 0; w < words; w++) {
                line.append(WORDS.get(random.nextInt(WORDS.size()))).append(GAPS.get(random.nextInt(GAPS.size())));
            }
            String command = line.toString();
            assertThat(PipCommands.isPipInstall(command))
                    .as(command)
                    .isEqualTo(OLD_PIP_INSTALL.matcher(command).find());
            assertThat(PipCommands.upgradesPip(command))
                    .as(command)
                    .isEqualTo(OLD_SELF_UPGRADE.matcher(command).find());
        }
    }

    @Test
    void a_traced_word_of_two_thousand_parentheses_is_read_in_one_pass() {
        // given: every "(" started a match whose path prefix ran to the end of the word
        String command = "(".repeat(1_990) + " x";
        // and every "pip" of "pip pip pip ..." scanned the rest of the line for an install
        String pips = "pip ".repeat(499);

        // when / then
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    boolean any = false;
                    for (int i = 0; i < 2_000; i++) {
                        any |= PipCommands.isPipInstall(command) || PipCommands.isPipInstall(pips);
                    }
                    return any;
                }))
                .isFalse();
    }

    @Test
    void a_long_command_upgrading_pip_is_recognised_in_one_pass() {
        String command = "pip install" + " -U".repeat(160) + " x".repeat(80) + " pip";
        assertThat(PipCommands.upgradesPip(command)).isTrue();
        assertThat(PipCommands.upgradesPip("pip install -U setuptools")).isFalse();
    }
}
