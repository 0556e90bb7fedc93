package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass edits give what the regular expressions they replaced gave, on many short lines made of the words
 * that matter (where the old patterns were still quick), and on the lines people write.
 */
class CommandWordsTest {

    /** The patterns as they were before issue 23: the oracle, never used by pipfix. */
    private static final Pattern OLD_PIP_INSTALL = Pattern.compile(
            "((?:^|[\\s;&|(\"'])(?:\\S*[/\\\\])?(?:pip[0-9.]*(?:\\.exe)?|(?:python|py)[0-9.]*(?:\\.exe)?\\s+-m\\s+pip)"
                    + "\\s+install)\\b");

    private static final Pattern OLD_USER_FLAG = Pattern.compile("(\\binstall\\b[^\\n]*?)\\s--user\\b");
    private static final Pattern OLD_UV_SYSTEM_FLAG =
            Pattern.compile("(\\buv\\s+pip\\s+(?:install|sync)\\b[^\\n]*?)\\s--system\\b");
    private static final Pattern OLD_ACTIVATES = Pattern.compile(
            "(?:^|[\\s;&|(])(?:\\.|source)\\s+([^\\s;&|]+?)/bin/activate\\b|(?:^|[\\s;&|(&])([^\\s;&|]+?)[\\\\/]Scripts[\\\\/]activate\\b");

    private static final List<String> WORDS = List.of(
            "pip",
            "pip3",
            "pip3.12",
            "pip.exe",
            "python",
            "-m",
            "install",
            "uv",
            "sync",
            "--user",
            "--system",
            "-U",
            "--upgrade",
            "sudo",
            "x",
            "/usr/bin/",
            "venv",
            "/bin/activate",
            "\\Scripts\\activate",
            ".",
            "source",
            "(",
            ";",
            "&&",
            "|",
            "\"",
            "'",
            "==24",
            "_",
            "9");
    private static final List<String> GAPS = List.of(" ", " ", " ", "", "\t", "  ");

    @Test
    void inserting_after_pip_installs_matches_the_old_pattern_on_random_lines() {
        each(line -> assertThat(CommandWords.insertAfter(line, CommandWords.pipInstalls(line), " --no-cache-dir"))
                .as(line)
                .isEqualTo(OLD_PIP_INSTALL.matcher(line).replaceAll("$1 --no-cache-dir")));
    }

    @Test
    void dropping_user_and_system_flags_matches_the_old_patterns_on_random_lines() {
        each(line -> {
            assertThat(CommandWords.withoutFlagAfter(line, CommandWords.installWords(line), "--user"))
                    .as(line)
                    .isEqualTo(OLD_USER_FLAG.matcher(line).replaceAll("$1"));
            assertThat(CommandEdits.withoutUvSystem(line))
                    .as(line)
                    .isEqualTo(OLD_UV_SYSTEM_FLAG.matcher(line).replaceAll("$1"));
        });
    }

    @Test
    void the_activated_environment_matches_the_old_pattern_on_random_lines() {
        each(line -> {
            Matcher old = OLD_ACTIVATES.matcher(line);
            String expected = old.find() ? (old.group(1) != null ? old.group(1) : old.group(2)) : null;
            assertThat(Activation.venvOf(line).orElse(null)).as(line).isEqualTo(expected);
        });
    }

    @Test
    void pip_upgrading_itself_becomes_python_m_pip_whichever_order_the_flag_and_the_argument_take() {
        assertThat(CommandWords.pipUpgradingItselfAsModule("pip install --upgrade pip"))
                .isEqualTo("python -m pip install --upgrade pip");
        assertThat(CommandWords.pipUpgradingItselfAsModule("pip install pip -U"))
                .isEqualTo("python -m pip install pip -U");
        assertThat(CommandWords.pipUpgradingItselfAsModule("pip3.exe install -U pip==24.0 && pip install x"))
                .isEqualTo("python -m pip install -U pip==24.0 && pip install x");
        assertThat(CommandWords.pipUpgradingItselfAsModule("pip install -U setuptools"))
                .isEqualTo("pip install -U setuptools");
        assertThat(CommandWords.pipUpgradingItselfAsModule("C:\\py\\pip install -U pip"))
                .as("a path to pip is left as written")
                .isEqualTo("C:\\py\\pip install -U pip");
        assertThat(CommandWords.pipUpgradingItselfAsModule("python -m pip install -U pip"))
                .isEqualTo("python -m pip install -U pip");
    }

    private static void each(java.util.function.Consumer<String> check) {
        Random random = new Random(23);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            int words = 1 + random.nextInt(9);
            for (int w = 0; w < words; w++) {
                line.append(WORDS.get(random.nextInt(WORDS.size())));
                line.append(GAPS.get(random.nextInt(GAPS.size())));
            }
            check.accept(line.toString());
        }
    }
}
