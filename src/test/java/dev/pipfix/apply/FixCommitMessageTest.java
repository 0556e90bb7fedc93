package dev.pipfix.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.Installer;
import dev.pipfix.diagnosis.Kind;
import dev.pipfix.runner.RunnerOs;
import dev.pipfix.workflow.FixStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fix commit's message holds no text of the fork's that GitHub would read as an instruction. */
class FixCommitMessageTest {

    @Test
    void a_step_or_job_asking_to_skip_ci_does_not_make_the_fix_commit_skip_it() {
        // given names written to stop the fix commit's workflows from running
        String step = "Install [skip ci]";
        String job = "test\nskip-checks: true";
        String key = FixCommitMessage.key("octo-org/octo-repo", 1, 1, ".github/workflows/[ci skip].yml", job);

        // when
        String message = FixCommitMessage.of(
                finding(),
                FixStrategy.VENV,
                ".github/workflows/[ci skip].yml",
                step,
                "https://github.com/octo-org/octo-repo/actions/runs/1",
                key,
                "https://github.com/octo-org/octo-repo/pull/42#issuecomment-1");

        // then the subject is pipfix's alone, and no skip instruction stands anywhere
        assertThat(message.lines().findFirst()).hasValue("ci: install into a virtual environment (pipfix)");
        assertThat(message).doesNotContain("[skip ci]").doesNotContain("[ci skip]");
        assertThat(message.lines()).noneMatch(line -> line.strip().toLowerCase().startsWith("skip-checks"));
        assertThat(FixCommitMessage.keyOf(message)).hasValue(key);
    }

    private static Finding finding() {
        return new Finding(
                Kind.PERMISSION_DENIED,
                Cause.SYSTEM_SITE_PACKAGES,
                66,
                "Run pip install x",
                8,
                true,
                "pip install x",
                List.of("pip install x"),
                "/usr/lib/python3/dist-packages/x",
                RunnerOs.LINUX,
                List.of("ERROR: [Errno 13] Permission denied"),
                1,
                Installer.PIP);
    }
}
