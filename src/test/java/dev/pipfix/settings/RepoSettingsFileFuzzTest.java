package dev.pipfix.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Hostile;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a repository's {@code .github/pipfix.yml} holds, it is read within the bound into settings and problems. */
class RepoSettingsFileFuzzTest {

    @Provide
    Arbitrary<String> files() {
        return Hostile.textOf(List.of(
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
                "|\n"));
    }

    @Property(tries = 300)
    void any_settings_file_is_read_within_the_bound(@ForAll("files") String text) {
        RepoSettingsFile.Parsed parsed = Hostile.within(() -> RepoSettingsFile.parse(text));
        assertThat(parsed.settings()).isNotNull();
    }
}
