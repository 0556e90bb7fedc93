package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InsertedActionTest {

    private static final String SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";

    @Test
    void a_workflow_that_pins_every_action_by_commit_gets_the_inserted_one_pinned_with_its_release() {
        assertThat(InsertedAction.SETUP_PYTHON.uses(List.of("actions/checkout@" + SHA, "./.github/actions/lint")))
                .isEqualTo("actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0");
    }

    @Test
    void otherwise_the_major_tag_that_github_still_runs() {
        assertThat(InsertedAction.SETUP_PYTHON.uses(List.of("actions/checkout@" + SHA, "actions/cache@v4")))
                .isEqualTo("actions/setup-python@v7");
        assertThat(InsertedAction.SETUP_PYTHON.uses(List.of())).isEqualTo("actions/setup-python@v7");
        assertThat(InsertedAction.SETUP_PYTHON.uses(List.of("docker://alpine:3.20")))
                .isEqualTo("actions/setup-python@v7");
    }
}
