package dev.pipfix.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepoSettingsFileTest {

    @Test
    void no_file_is_the_defaults() {
        RepoSettingsFile.Parsed parsed = RepoSettingsFile.absent();

        assertThat(parsed.settings()).isEqualTo(RepoSettings.DEFAULTS);
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void every_setting_is_read() {
        RepoSettingsFile.Parsed parsed = RepoSettingsFile.parse("""
                # pipfix reads this from the default branch
                enabled: true
                workflows:
                  - CI
                  - .github/workflows/release.yml
                fix: setup-python
                venv_path: ./build/venv
                comment_on: [pull_request, push]
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.settings())
                .isEqualTo(new RepoSettings(
                        true,
                        List.of("CI", ".github/workflows/release.yml"),
                        "build/venv",
                        true,
                        RepoSettings.Fix.SETUP_PYTHON));
    }

    @Test
    void each_wrong_setting_is_named_with_its_line_and_keeps_its_default_while_the_others_apply() {
        RepoSettingsFile.Parsed parsed = RepoSettingsFile.parse("""
                enabled: yes please
                fix: conda
                venv_path: ../outside
                comment_on: issues
                workflows: [CI]
                colour: blue
                """);

        assertThat(parsed.problems()).extracting(SettingsProblem::line).containsExactly(1, 2, 3, 4, 6);
        assertThat(parsed.problems().get(1).message()).contains("`fix` should be venv, user or setup-python");
        assertThat(parsed.problems().get(4).message()).contains("`colour` is not a setting pipfix knows");
        assertThat(parsed.settings())
                .isEqualTo(new RepoSettings(true, List.of("CI"), ".venv", false, RepoSettings.Fix.VENV));
    }

    @Test
    void a_file_that_is_not_yaml_names_the_line_and_keeps_every_default() {
        RepoSettingsFile.Parsed parsed = RepoSettingsFile.parse("""
                enabled: false
                workflows: [CI
                fix: user
                """);

        assertThat(parsed.settings()).isEqualTo(RepoSettings.DEFAULTS);
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isBetween(2, 4);
            assertThat(problem.message()).startsWith("this is not valid YAML").endsWith("keeps its default");
        });
    }

    @Test
    void the_fix_and_the_comment_targets_are_read() {
        RepoSettingsFile.Parsed parsed = RepoSettingsFile.parse("fix: user\ncomment_on: push\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.settings())
                .isEqualTo(new RepoSettings(true, List.of(), ".venv", true, RepoSettings.Fix.USER));
    }

    @Test
    void the_apply_command_can_be_switched_off() {
        assertThat(RepoSettingsFile.parse("apply: false\n").settings().apply()).isFalse();
        assertThat(RepoSettingsFile.parse("fix: venv\n").settings().apply()).isTrue();
        assertThat(RepoSettingsFile.parse("apply: sometimes\n").problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("`apply` should be true or false"));
    }

    @Test
    void a_list_at_the_top_is_not_settings() {
        assertThat(RepoSettingsFile.parse("- enabled\n").problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("should be a mapping"));
    }

    @Test
    void workflows_are_matched_by_name_or_path() {
        RepoSettings settings =
                new RepoSettings(true, List.of("ci", "release.yml"), ".venv", false, RepoSettings.Fix.VENV);

        assertThat(settings.watches("CI", ".github/workflows/ci.yml")).isTrue();
        assertThat(settings.watches("Release", ".github/workflows/release.yml@refs/heads/main"))
                .isTrue();
        assertThat(settings.watches("Docs", ".github/workflows/docs.yml")).isFalse();
        assertThat(RepoSettings.DEFAULTS.watches("Docs", ".github/workflows/docs.yml"))
                .isTrue();
    }
}
