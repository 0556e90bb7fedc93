package dev.pipfix.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.Installer;
import dev.pipfix.diagnosis.Kind;
import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.runner.RunnerOs;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.workflow.FixRequest;
import dev.pipfix.workflow.FixStrategy;
import dev.pipfix.workflow.WorkflowFix;
import dev.pipfix.workflow.WorkflowPatcher;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommentRendererTest {

    private final CommentRenderer renderer = new CommentRenderer();

    private static final Finding LINUX_ERRNO_13 = finding(
            Kind.PERMISSION_DENIED,
            Cause.SYSTEM_SITE_PACKAGES,
            66,
            "Run pip3 install flake8",
            8,
            "pip3 install flake8",
            "/usr/lib/python3.6/site-packages/pyflakes",
            RunnerOs.LINUX,
            List.of("ERROR: Could not install packages due to an EnvironmentError: [Errno 13] Permission denied:"
                    + " '/usr/lib/python3.6/site-packages/pyflakes'"));

    @Test
    void the_comment_starts_with_the_marker_and_names_workflow_job_step_and_log_line() {
        String body = renderer.render(report("CI", job("lint", "Install flake8", 4, LINUX_ERRNO_13)));

        assertThat(body).startsWith(CommentMarker.forWorkflow(7087581) + "\n");
        assertThat(body)
                .contains("The `CI` workflow failed in [run #7](https://github.com/octo-org/octo-repo/"
                        + "actions/runs/680634037) (attempt 1)");
        assertThat(body).contains("#### Job `lint`, step `Install flake8`");
        assertThat(body)
                .contains("[Log line 66](https://github.com/octo-org/octo-repo/actions/runs/680634037/job/"
                        + "18764420921#step:4:8) says:");
        assertThat(body).contains("```text\nERROR: Could not install packages due to an EnvironmentError: [Errno 13]");
        assertThat(body).contains("belongs to root");
    }

    @Test
    void a_permission_error_on_linux_recommends_the_posix_venv_step_before_the_failing_one() {
        String body = renderer.render(report("CI", job("lint", "Install flake8", 4, LINUX_ERRNO_13)));

        assertThat(body).contains("right before `Install flake8`");
        assertThat(body).contains("""
                ```yaml
                - name: Create a virtual environment
                  run: |
                    python3 -m venv .venv
                    echo "$PWD/.venv/bin" >> "$GITHUB_PATH"
                    echo "VIRTUAL_ENV=$PWD/.venv" >> "$GITHUB_ENV"
                ```""");
    }

    @Test
    void advice_about_the_jobs_own_environment_is_not_contradicted_by_a_second_one() {
        // given the patcher's advice for a job whose venv an earlier step made with sudo
        String workflow = """
                name: CI
                on: [pull_request]
                jobs:
                  lint:
                    runs-on: [self-hosted, linux]
                    steps:
                      - name: Environment
                        run: sudo python3 -m venv venv
                      - name: Install flake8
                        run: |
                          . venv/bin/activate
                          pip3 install flake8
                """;
        WorkflowFix advice = new WorkflowPatcher()
                .fix(new FixRequest(
                        ".github/workflows/ci.yml",
                        workflow,
                        "lint",
                        "Install flake8",
                        List.of(". venv/bin/activate", "pip3 install flake8"),
                        FixStrategy.VENV,
                        RunnerOs.LINUX));
        FailedJob job = new FailedJob(
                "lint",
                "https://github.com/octo-org/octo-repo/actions/runs/680634037/job/18764420921",
                Optional.of("Install flake8"),
                3,
                List.of(LINUX_ERRNO_13),
                false,
                Optional.of(advice));

        // when
        String body = renderer.render(report("CI", job));

        // then the fix points at the note, which names the step that made the environment as root
        assertThat(body)
                .contains("mend the virtual environment the job already uses")
                .contains("which step `Environment` creates with `sudo`")
                .doesNotContain("- name: Create a virtual environment");
    }

    @Test
    void a_uv_finding_gets_uvs_alternatives_not_pips() {
        // given uv refused the system's site-packages
        Finding uv = new Finding(
                Kind.PERMISSION_DENIED,
                Cause.SYSTEM_SITE_PACKAGES,
                66,
                "Run uv pip install --system ruff",
                8,
                true,
                "uv pip install --system ruff",
                List.of("uv pip install --system ruff"),
                "/usr/local/lib/python3.12/dist-packages/ruff",
                RunnerOs.LINUX,
                List.of("error: Failed to install: ruff", "  Caused by: Permission denied (os error 13)"),
                1,
                Installer.UV);

        // when
        String body = renderer.render(report("CI", job("lint", "Install", 4, uv)));

        // then the alternatives are uv's
        assertThat(body)
                .contains("**Alternatives:** `astral-sh/setup-uv` with `activate-environment: true`")
                .doesNotContain("`pip install --user` works");
    }

    @Test
    void pip_upgrading_itself_on_windows_gets_python_dash_m_pip_not_a_venv() {
        Finding finding = finding(
                Kind.ACCESS_DENIED,
                Cause.PIP_SELF_UPGRADE,
                61,
                "Run pip install --upgrade pip",
                14,
                "pip install --upgrade pip",
                "C:\\Users\\RUNNER~1\\AppData\\Local\\Temp\\pip.exe",
                RunnerOs.WINDOWS,
                List.of("ERROR: Could not install packages due to an OSError: [WinError 5] Access is"
                        + " denied: 'C:\\\\Users\\\\RUNNER~1\\\\AppData\\\\Local\\\\Temp\\\\pip.exe'"));

        String body = renderer.render(report("CI", job("build (windows-latest, 3.11)", "Install", 3, finding)));

        assertThat(body).contains("run: python -m pip install --upgrade pip");
        assertThat(body).doesNotContain("python3 -m venv");
        assertThat(body).contains("`[WinError 5] Access is denied`");
    }

    @Test
    void names_from_the_pull_request_cannot_ping_people_or_inject_markdown() {
        Finding finding = finding(
                Kind.PERMISSION_DENIED,
                Cause.UNKNOWN,
                3,
                null,
                0,
                null,
                null,
                RunnerOs.LINUX,
                List.of("ERROR: [Errno 13] Permission denied: '@octocat'\n```\n[click](https://evil.example)"));

        String body = renderer.render(
                report("CI @octo-org/admins <b>x</b>", job("test `@everyone`", "Install ![x](y)", 0, finding)));

        assertThat(body).contains("The `CI @octo-org/admins <b>x</b>` workflow");
        assertThat(body).contains("#### Job `` test `@everyone` ``, step `Install ![x](y)`");
        assertThat(body)
                .contains("````text\nERROR: [Errno 13] Permission denied: '@octocat'\n```\n"
                        + "[click](https://evil.example)\n````");
    }

    @Test
    void a_report_too_big_for_one_comment_is_cut_to_fit_and_says_so() {
        List<FailedJob> jobs = new ArrayList<>();
        String longEvidence = "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '"
                + "/x".repeat(990) + "'";
        for (int i = 0; i < 256; i++) {
            Finding finding = finding(
                    Kind.PERMISSION_DENIED,
                    Cause.UNKNOWN,
                    i + 1,
                    "Run pip install .",
                    2,
                    "pip install .",
                    null,
                    RunnerOs.LINUX,
                    List.of(longEvidence));
            jobs.add(new FailedJob(
                    "test (" + i + ")",
                    "https://github.com/o/r/actions/runs/1/job/" + i,
                    Optional.of("Install part " + i),
                    3,
                    List.of(finding),
                    false,
                    Optional.empty()));
        }

        String body = renderer.render(new RunReport("CI", 1, 7, 1, "https://github.com/o/r/actions/runs/1", jobs));

        assertThat(body.length()).isLessThanOrEqualTo(CommentRenderer.MAX_COMMENT_CHARS);
        assertThat(body).contains("more section(s) left out to stay within GitHub's comment size limit");
        assertThat(body.split("```", -1).length % 2).as("every fence is closed").isEqualTo(1);
        assertThat(body).contains("#### Job `test (0)`");
    }

    @Test
    void matrix_legs_failing_the_same_way_share_one_section_with_a_link_to_each_log() {
        FailedJob first = new FailedJob(
                "test (3.11)",
                "https://github.com/o/r/actions/runs/1/job/11",
                Optional.of("Install"),
                4,
                List.of(LINUX_ERRNO_13),
                false,
                Optional.empty());
        FailedJob second = new FailedJob(
                "test (3.12)",
                "https://github.com/o/r/actions/runs/1/job/12",
                Optional.of("Install"),
                4,
                List.of(LINUX_ERRNO_13),
                false,
                Optional.empty());

        String body = renderer.render(
                new RunReport("CI", 1, 7, 1, "https://github.com/o/r/actions/runs/1", List.of(first, second)));

        assertThat(body).containsOnlyOnce("#### Jobs `test (3.11)`, `test (3.12)`, step `Install`");
        assertThat(body)
                .contains(
                        "[Log line 66 of `test (3.11)`](https://github.com/o/r/actions/runs/1/job/11#step:4:8),"
                                + " [Log line 66 of `test (3.12)`](https://github.com/o/r/actions/runs/1/job/12#step:4:8) say:");
    }

    @Test
    void a_truncated_log_is_mentioned() {
        FailedJob truncated = new FailedJob(
                "lint",
                "https://github.com/o/r/actions/runs/1/job/2",
                Optional.of("Install"),
                4,
                List.of(LINUX_ERRNO_13),
                true,
                Optional.empty());

        assertThat(renderer.render(report("CI", truncated))).contains("only its beginning was scanned");
    }

    @Test
    void the_same_report_renders_the_same_text() {
        RunReport report = report("CI", job("lint", "Install flake8", 4, LINUX_ERRNO_13));

        assertThat(renderer.render(report)).isEqualTo(renderer.render(report));
    }

    /** A finding of a failed step, as the engine reports one. */
    @Test
    void a_repository_that_prefers_setup_python_gets_that_step_and_its_patch() throws Exception {
        String body = renderer.render(preferring(
                "settings-fix-setup-python-pep668",
                "lint",
                "Install linters",
                FixStrategy.SETUP_PYTHON,
                RepoSettings.Fix.SETUP_PYTHON));

        assertThat(body)
                .contains("**Fix:** use a Python the job owns, as this repository's `.github/pipfix.yml` asks")
                .contains("- name: Set up Python\n  uses: actions/setup-python@v7")
                .contains("+      - name: Set up Python")
                .contains("```diff");
    }

    @Test
    void a_repository_that_prefers_the_user_site_gets_the_user_flag_in_its_patch() throws Exception {
        String body = renderer.render(preferring(
                "settings-fix-user-system-site",
                "unit",
                "Run pip install flask",
                FixStrategy.USER_SITE,
                RepoSettings.Fix.USER));

        assertThat(body)
                .contains("**Fix:** install into the user's site directory")
                .contains("+      - run: pip install --user flask")
                .doesNotContain("python3 -m venv");
    }

    @Test
    void the_patch_names_the_ways_to_apply_it_that_hold_on_this_pull_request() throws Exception {
        // given a report whose patch is on the diff as a suggestion, from an App that takes /pipfix apply
        RunReport report = preferring(
                "settings-fix-user-system-site",
                "unit",
                "Run pip install flask",
                FixStrategy.USER_SITE,
                RepoSettings.Fix.USER);
        String diff = report.firstPatch().orElseThrow().diff();
        String url = "https://github.com/octo-org/octo-repo/pull/42#discussion_r2001";

        // when
        String all = renderer.render(report.withApply(new ApplyOptions(diff, Optional.of(url), true)));
        String command = renderer.render(report.withApply(new ApplyOptions(diff, Optional.empty(), true)));
        String byHand = renderer.render(report);
        String otherPatch = renderer.render(report.withApply(new ApplyOptions("--- another", Optional.of(url), true)));

        // then each says what holds, git apply last
        assertThat(all)
                .contains("**Apply:** click **Commit suggestion** on [pipfix's suggestion](" + url + "), comment"
                        + " `/pipfix apply` to have pipfix commit it or `git apply` this patch from the repository"
                        + " root.");
        assertThat(command)
                .contains("**Apply:** comment `/pipfix apply` to have pipfix commit it or `git apply` this patch"
                        + " from the repository root.");
        assertThat(byHand).contains("**Apply:** `git apply` this patch from the repository root.");
        assertThat(otherPatch).isEqualTo(byHand);
    }

    @Test
    void the_suggestion_carries_the_new_lines_in_a_fence_longer_than_any_backticks_in_them() {
        // given
        RunReport report = report("CI", job("lint", "Install flake8", 4, LINUX_ERRNO_13));
        dev.pipfix.apply.Suggestion suggestion = new dev.pipfix.apply.Suggestion(
                ".github/workflows/ci.yml", 6, 6, List.of("      - run: echo ```", "      - run: pip install x"));

        // when
        String body = renderer.suggestion(report, suggestion, "install into a virtual environment");

        // then
        assertThat(body)
                .startsWith(CommentMarker.forSuggestion(7087581) + "\n**pipfix:** install into a virtual"
                        + " environment, the fix for the failure of the `CI` workflow.")
                .endsWith("\n````suggestion\n      - run: echo ```\n      - run: pip install x\n````\n");
    }

    /** A report on a golden case's log, with the patch the patcher makes for the strategy. */
    private static RunReport preferring(
            String scenario, String job, String step, FixStrategy strategy, RepoSettings.Fix preferred)
            throws Exception {
        Path dir = Path.of("src/test/resources/workflows", scenario);
        Finding finding;
        try (InputStream log = Files.newInputStream(dir.resolve("job.log"))) {
            finding = new LogScanner().scan(log).findings().get(0);
        }
        WorkflowFix fix = new WorkflowPatcher()
                .fix(new FixRequest(
                        ".github/workflows/ci.yml",
                        Files.readString(dir.resolve("ci.yml")),
                        job,
                        step,
                        finding.script(),
                        strategy,
                        finding.os()));
        String url = "https://github.com/octo-org/octo-repo/actions/runs/680634037";
        return new RunReport(
                "CI",
                7087581,
                7,
                1,
                url,
                List.of(new FailedJob(
                        job,
                        url + "/job/1",
                        Optional.ofNullable(step),
                        3,
                        List.of(finding),
                        false,
                        Optional.ofNullable(fix))),
                List.of(),
                ".venv",
                preferred);
    }

    static Finding finding(
            Kind kind,
            Cause cause,
            long line,
            String step,
            long stepLine,
            String command,
            String path,
            RunnerOs os,
            List<String> evidence) {
        return new Finding(
                kind,
                cause,
                line,
                step,
                stepLine,
                true,
                command,
                command == null ? List.of() : List.of(command),
                path,
                os,
                evidence,
                1,
                Installer.PIP);
    }

    private static FailedJob job(String name, String failedStep, int stepNumber, Finding finding) {
        return new FailedJob(
                name,
                "https://github.com/octo-org/octo-repo/actions/runs/680634037/job/18764420921",
                Optional.ofNullable(failedStep),
                stepNumber,
                List.of(finding),
                false,
                Optional.empty());
    }

    private static RunReport report(String workflow, FailedJob job) {
        return new RunReport(
                workflow, 7087581, 7, 1, "https://github.com/octo-org/octo-repo/actions/runs/680634037", List.of(job));
    }
}
