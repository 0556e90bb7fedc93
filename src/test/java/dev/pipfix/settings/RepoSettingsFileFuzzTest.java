package dev.pipfix.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipfix.testing.Hostile;
import java.util.List;

/** Whatever a repository's {@code .github/pipfix.yml} holds, it is read within the bound into settings and problems. */
class RepoSettingsFileFuzzTest {

    private static final List<String> FRAGMENTS = List.of(
            "enabled: ",
            "true",
            "false",
            "\n",
            "apply: ",
            "watch:\n",
            "  - ",
            "workflows: ",
            "ignore:\n",
            "&x ",
            "*x",
            "[",
            "]",
            "{",
            "}",
            ": ",
            "\"",
            "'",
            "#",
            "  ",
            "!!str ",
            "---\n",
            "? ",
            "|\n",
            "fix: ",
            "venv",
            "venv-path: ");

    @FuzzTest(maxDuration = "15s")
    void any_settings_file_is_read_within_the_bound(FuzzedDataProvider data) throws Throwable {
        String text = Hostile.textOf(data, FRAGMENTS);
        RepoSettingsFile.Parsed parsed = Hostile.within(() -> RepoSettingsFile.parse(text));
        assertThat(parsed.settings()).isNotNull();
    }
}
