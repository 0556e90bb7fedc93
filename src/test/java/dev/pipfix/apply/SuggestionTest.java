package dev.pipfix.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SuggestionTest {

    private static final String WORKFLOW = """
            jobs:
              test:
                runs-on: self-hosted
                steps:
                  - uses: actions/checkout@v4
                  - name: Install dependencies
                    run: pip install -r requirements.txt
            """;

    @Test
    void an_inserted_step_selects_the_line_it_goes_before_and_carries_it() {
        // given a patch that inserts a step before the failing one
        String patched = WORKFLOW.replace(
                "      - name: Install dependencies\n",
                "      - name: Create a virtual environment\n        run: python3 -m venv .venv\n"
                        + "      - name: Install dependencies\n");

        // when
        Suggestion suggestion = Suggestion.between(".github/workflows/ci.yml", WORKFLOW, patched)
                .orElseThrow();

        // then it selects line 6 only and replaces it with the new step and that line
        assertThat(suggestion.startLine()).isEqualTo(6);
        assertThat(suggestion.endLine()).isEqualTo(6);
        assertThat(suggestion.text())
                .isEqualTo("      - name: Create a virtual environment\n        run: python3 -m venv .venv\n"
                        + "      - name: Install dependencies");
        assertThat(suggestion.applyTo(WORKFLOW)).isEqualTo(patched);
    }

    @Test
    void a_changed_command_selects_only_its_line() {
        String patched = WORKFLOW.replace("pip install", "pipx install");

        Suggestion suggestion = Suggestion.between("ci.yml", WORKFLOW, patched).orElseThrow();

        assertThat(List.of(suggestion.startLine(), suggestion.endLine())).containsExactly(7, 7);
        assertThat(suggestion.text()).isEqualTo("        run: pipx install -r requirements.txt");
    }

    @Test
    void lines_added_at_the_end_select_the_last_line() {
        String patched = WORKFLOW + "      - run: pytest\n";

        Suggestion suggestion = Suggestion.between("ci.yml", WORKFLOW, patched).orElseThrow();

        assertThat(List.of(suggestion.startLine(), suggestion.endLine())).containsExactly(7, 7);
        assertThat(suggestion.replacement())
                .containsExactly("        run: pip install -r requirements.txt", "      - run: pytest");
        assertThat(suggestion.applyTo(WORKFLOW)).isEqualTo(patched);
    }

    @Test
    void what_a_suggestion_cannot_say_gets_none() {
        assertThat(Suggestion.between("ci.yml", WORKFLOW, WORKFLOW)).isEmpty();
        assertThat(Suggestion.between("ci.yml", WORKFLOW, WORKFLOW.strip())).isEmpty();
        assertThat(Suggestion.between("ci.yml", WORKFLOW.replace("\n", "\r\n"), WORKFLOW))
                .isEmpty();
    }

    @Test
    void every_golden_patch_becomes_a_suggestion_that_commits_the_patched_file() throws Exception {
        // given each golden case's original and patched workflow
        int cases = 0;
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/workflows"))) {
            for (Path dir : dirs.sorted().toList()) {
                for (String name : List.of("ci", "action")) {
                    Path patched = dir.resolve(name + ".patched.yml");
                    if (!Files.exists(patched)) {
                        continue;
                    }
                    String before = Files.readString(dir.resolve(name + ".yml"));
                    String after = Files.readString(patched);

                    // when
                    Optional<Suggestion> suggestion = Suggestion.between(name + ".yml", before, after);

                    // then "Commit suggestion" leaves exactly the patched file
                    if (before.contains("\r")) {
                        assertThat(suggestion).as(dir.toString()).isEmpty();
                        continue;
                    }
                    assertThat(suggestion).as(dir.toString()).isPresent();
                    assertThat(suggestion.get().applyTo(before))
                            .as(dir.toString())
                            .isEqualTo(after);
                    cases++;
                }
            }
        }
        assertThat(cases).isGreaterThan(40);
    }

    @Test
    void a_selection_must_lie_in_one_hunk_of_the_pull_requests_diff() {
        // given a diff that added lines 5-7 and showed 3-4 as context, and a second hunk at 20-22
        DiffHunks diff = DiffHunks.parse("""
                @@ -3,2 +3,5 @@ jobs:
                     runs-on: self-hosted
                     steps:
                +      - uses: actions/checkout@v4
                +      - name: Install dependencies
                +        run: pip install -r requirements.txt
                @@ -18,3 +21,3 @@ jobs:
                       - a
                -      - b
                +      - c
                       - d
                \\ No newline at end of file""");

        // then
        assertThat(diff.hunks()).containsExactly(new DiffHunks.Hunk(3, 7), new DiffHunks.Hunk(21, 23));
        assertThat(new Suggestion("ci.yml", 6, 7, List.of("x")).shownIn(diff)).isTrue();
        assertThat(new Suggestion("ci.yml", 7, 8, List.of("x")).shownIn(diff)).isFalse();
        assertThat(new Suggestion("ci.yml", 7, 21, List.of("x")).shownIn(diff)).isFalse();
        assertThat(new Suggestion("ci.yml", 22, 22, List.of("x")).shownIn(diff)).isTrue();
        assertThat(DiffHunks.parse("").hunks()).isEmpty();
    }
}
