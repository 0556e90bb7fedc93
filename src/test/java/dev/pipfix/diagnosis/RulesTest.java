package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.runner.RunnerOs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule at a time, on the smallest raw job logs that show it (timestamps added as the runner does). */
class RulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/x'                                  | PERMISSION_DENIED
            [Errno 1] Operation not permitted: '/workspace/vendor/x'                                         | OPERATION_NOT_PERMITTED
            [Errno 30] Read-only file system: 'INSTALLER'                                                     | READ_ONLY_FILESYSTEM
            [WinError 5] Access is denied: 'C:\\\\Python311\\\\Lib\\\\site-packages\\\\x'                     | ACCESS_DENIED
            [WinError 32] The process cannot access the file because it is being used by another process: 'x' | FILE_IN_USE
            [Errno 13] 权限不够: '/usr/lib/python3/dist-packages/x'                                             | PERMISSION_DENIED
            [WinError 5] 액세스가 거부되었습니다: 'C:\\\\x\\\\pip.exe'                                             | ACCESS_DENIED
            """)
    void pips_headline_with_an_error_code_names_the_kind(String error, Kind kind) throws IOException {
        List<Finding> findings = raw(
                "##[group]Run pip install x",
                "##[endgroup]",
                "ERROR: Could not install packages due to an OSError: " + error,
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(kind));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ERROR: Could not install packages due to an OSError: [Errno 2] No such file or directory: 'x.whl'
            ERROR: Could not install packages due to an OSError: [Errno 17] File exists: '/x/bin/octo'
            ERROR: Could not install packages due to an OSError: [WinError 2] The system cannot find the file specified: 'x.exe'
            ERROR: Could not install packages due to an OSError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded (Caused by NewConnectionError('Failed to establish a new connection: [Errno 13] Permission denied'))
            """)
    void the_same_headline_with_another_error_is_not_a_finding(String line) throws IOException {
        assertThat(raw(
                        "##[group]Run pip install x",
                        "##[endgroup]",
                        line,
                        "##[error]Process completed with exit code 1."))
                .isEmpty();
    }

    @Test
    void a_headline_without_a_code_takes_the_code_from_the_traceback_below_it() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run pip install -r requirements.txt",
                "##[endgroup]",
                "Could not install packages due to an EnvironmentError.",
                "Traceback (most recent call last):",
                "  File \"c:\\python311\\lib\\shutil.py\", line 816, in move",
                "PermissionError: [WinError 5] Access is denied: 'C:\\\\Python311\\\\Scripts\\\\pip.exe'",
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.ACCESS_DENIED);
            assertThat(f.line()).isEqualTo(6);
            assertThat(f.path()).isEqualTo("C:\\Python311\\Scripts\\pip.exe");
            assertThat(f.evidence())
                    .containsExactly(
                            "Could not install packages due to an EnvironmentError.",
                            "PermissionError: [WinError 5] Access is denied: 'C:\\\\Python311\\\\Scripts\\\\pip.exe'");
        });
    }

    @Test
    void a_bare_oserror_counts_only_in_a_traceback_through_pips_code() throws IOException {
        String error = "OSError: [Errno 13] Permission denied: '/usr/local/lib/python2.7/dist-packages/x'";

        List<Finding> throughPip = raw(
                "##[group]Run pip install x",
                "##[endgroup]",
                "Traceback (most recent call last):",
                "  File \"/usr/local/lib/python2.7/dist-packages/pip/basecommand.py\", line 215, in main",
                error,
                "##[error]Process completed with exit code 2.");
        List<Finding> ownScript = raw(
                "##[group]Run python build.py",
                "##[endgroup]",
                "Traceback (most recent call last):",
                "  File \"/home/runner/work/x/x/build.py\", line 3, in <module>",
                error,
                "##[error]Process completed with exit code 1.");

        assertThat(throughPip)
                .singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.PERMISSION_DENIED));
        assertThat(ownScript).isEmpty();
    }

    @Test
    void setuptools_error_under_running_setup_py_install_counts() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run pip install .",
                "##[endgroup]",
                "  Running setup.py install for octo ... error",
                "    error: [Errno 13] Permission denied: 'build/lib/octo/__init__.py'",
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.cause()).isEqualTo(Cause.SOURCE_TREE_UNWRITABLE);
            assertThat(f.path()).isEqualTo("build/lib/octo/__init__.py");
        });
    }

    @Test
    void pep_668_collects_the_distributions_words_as_evidence() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run pip install -r requirements.txt",
                "##[endgroup]",
                "error: externally-managed-environment",
                "",
                "× This environment is externally managed",
                "╰─> To install Python packages system-wide, try apt install",
                "    python3-xyz, where xyz is the package you are trying to",
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.EXTERNALLY_MANAGED_ENVIRONMENT);
            assertThat(f.cause()).isEqualTo(Cause.EXTERNALLY_MANAGED);
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.evidence())
                    .containsExactly(
                            "error: externally-managed-environment",
                            "× This environment is externally managed",
                            "╰─> To install Python packages system-wide, try apt install");
        });
    }

    @Test
    void the_finding_names_its_step_script_command_shell_and_line_within_the_step() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run python -m pip install --upgrade pip",
                "\u001B[36;1mpython -m pip install --upgrade pip\u001B[0m",
                "\u001B[36;1msudo -H pip install -r requirements.txt\u001B[0m",
                "shell: /usr/bin/bash -e {0}",
                "##[endgroup]",
                "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                        + " '/usr/local/lib/python3.10/dist-packages/yaml'",
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo("Run python -m pip install --upgrade pip");
            assertThat(f.script())
                    .containsExactly("python -m pip install --upgrade pip", "sudo -H pip install -r requirements.txt");
            assertThat(f.command()).isEqualTo("sudo -H pip install -r requirements.txt");
            assertThat(f.cause()).isEqualTo(Cause.SUDO_PIP);
            assertThat(f.stepLine()).isEqualTo(6);
            assertThat(f.stepFailed()).isTrue();
            assertThat(f.os()).isEqualTo(RunnerOs.LINUX);
        });
    }

    @Test
    void a_traced_command_wins_over_guessing_from_the_script() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run ./ci/install.sh",
                "##[endgroup]",
                "+ python3 -m pip install --no-cache-dir -r requirements/dev.txt",
                "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/.local'",
                "##[error]Process completed with exit code 1.");

        assertThat(findings)
                .singleElement()
                .satisfies(f -> assertThat(f.command())
                        .isEqualTo("python3 -m pip install --no-cache-dir -r requirements/dev.txt"));
    }

    @Test
    void an_error_in_a_step_that_passed_is_dropped_when_another_step_failed() throws IOException {
        String error = "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/x'";

        List<Finding> otherStepFailed = raw(
                "##[group]Run pip install x || true",
                "##[endgroup]",
                error,
                "##[group]Run pytest",
                "##[endgroup]",
                "##[error]Process completed with exit code 1.");
        List<Finding> noFailureShown = raw("##[group]Run pip install x", "##[endgroup]", error);

        assertThat(otherStepFailed).isEmpty();
        assertThat(noFailureShown)
                .singleElement()
                .satisfies(f -> assertThat(f.stepFailed()).isFalse());
    }

    @Test
    void the_same_error_printed_twice_is_one_finding() throws IOException {
        String error = "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/x'";

        assertThat(raw(
                        "##[group]Run pip install x",
                        "##[endgroup]",
                        error,
                        error,
                        "##[error]Process completed with exit code 1."))
                .hasSize(1);
    }

    @Test
    void the_os_comes_from_the_runner_image_then_the_path_then_the_shell() throws IOException {
        String error = "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: 'RECORD'";

        List<Finding> image = raw(
                "##[group]Runner Image",
                "Image: windows-2022",
                "##[endgroup]",
                "##[group]Run pip install x",
                "##[endgroup]",
                error);
        List<Finding> shell = raw(
                "##[group]Run pip install x",
                "shell: C:\\Program Files\\PowerShell\\7\\pwsh.EXE" + " -command \". '{0}'\"",
                "##[endgroup]",
                error);

        assertThat(image).singleElement().satisfies(f -> assertThat(f.os()).isEqualTo(RunnerOs.WINDOWS));
        assertThat(shell).singleElement().satisfies(f -> assertThat(f.os()).isEqualTo(RunnerOs.WINDOWS));
    }

    @Test
    void a_web_page_copy_has_steps_scripts_and_failures_without_markers() throws IOException {
        String log = String.join(
                "\n",
                "Run python -m pip install --upgrade pip",
                "  python -m pip install --upgrade pip",
                "  pip install flake8 pytest",
                "  shell: /usr/bin/bash -e {0}",
                "  env:",
                "    pythonLocation: /opt/hostedtoolcache/Python/3.9.5/x64",
                "Collecting flake8",
                "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                        + " '/opt/hostedtoolcache/Python/3.9.5/x64/lib/python3.9/site-packages/flake8'",
                "Error: Process completed with exit code 1.");

        List<Finding> findings = scan(log);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo("Run python -m pip install --upgrade pip");
            assertThat(f.script()).containsExactly("python -m pip install --upgrade pip", "pip install flake8 pytest");
            assertThat(f.command()).isEqualTo("pip install flake8 pytest");
            assertThat(f.stepFailed()).isTrue();
            assertThat(f.line()).isEqualTo(8);
            assertThat(f.cause()).isEqualTo(Cause.TOOL_CACHE);
        });
    }

    @Test
    void azure_and_jenkins_steps_are_followed_without_github_markers() throws IOException {
        List<Finding> azure = raw(
                "##[section]Starting: Install dependencies",
                "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/usr/lib/python3/x'",
                "##[error]Bash exited with code '1'.",
                "##[section]Finishing: Install dependencies");
        List<Finding> jenkins = scan(String.join(
                "\n",
                "[Pipeline] { (Install)",
                "[2026-11-20T09:14:07.210Z] + pip install -r requirements.txt",
                "[2026-11-20T09:14:07.211Z] ERROR: Could not install packages due to an OSError: [Errno 13] Permission"
                        + " denied: '/usr/local/lib/python3.9/site-packages/x'",
                "ERROR: script returned exit code 1"));

        assertThat(azure).singleElement().satisfies(f -> assertThat(f.step()).isEqualTo("Install dependencies"));
        assertThat(jenkins).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo("Install");
            assertThat(f.command()).isEqualTo("pip install -r requirements.txt");
            assertThat(f.stepFailed()).isTrue();
        });
    }

    /** Lines with the runner's framing: a BOM on the first, a timestamp on each. */
    @Test
    void errors_in_many_steps_that_passed_do_not_crowd_out_the_failing_steps() throws IOException {
        // given 22 steps that each print pip's [Errno 13] (continue-on-error), and a last one that fails the job
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            lines.add("##[group]Run pip install -r requirements-" + i + ".txt");
            lines.add("##[endgroup]");
            lines.add("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                    + " '/usr/lib/python3/dist-packages/pkg" + i + "'");
            lines.add(i == 23 ? "##[error]Process completed with exit code 1." : "Done, errors ignored");
        }

        List<Finding> findings = raw(lines.toArray(String[]::new));

        // then the failing step's error is the finding
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo("Run pip install -r requirements-23.txt");
            assertThat(f.path()).endsWith("pkg23");
            assertThat(f.occurrences()).isEqualTo(1);
        });
    }

    @Test
    void thirty_errors_of_one_kind_and_cause_in_one_step_are_one_finding_that_counts_them() throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("##[group]Run ./install-all.sh", "##[endgroup]"));
        for (int i = 1; i <= 30; i++) {
            lines.add("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                    + " '/usr/lib/python3/dist-packages/pkg" + i + "'");
        }
        lines.add("##[error]Process completed with exit code 1.");

        List<Finding> findings = raw(lines.toArray(String[]::new));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.occurrences()).isEqualTo(30);
            assertThat(f.path()).endsWith("pkg1");
            assertThat(f.cause()).isEqualTo(Cause.SYSTEM_SITE_PACKAGES);
        });
    }

    @Test
    void a_step_with_more_errors_than_it_may_keep_still_counts_them_all() throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("##[group]Run ./install-all.sh", "##[endgroup]"));
        for (int i = 1; i <= 120; i++) {
            lines.add("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                    + " '/usr/lib/python3/dist-packages/pkg" + i + "'");
        }
        lines.add("##[error]Process completed with exit code 1.");

        assertThat(raw(lines.toArray(String[]::new)))
                .singleElement()
                .satisfies(f -> assertThat(f.occurrences()).isEqualTo(120));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ERROR: Can not perform a '--user' install. User site-packages are not visible in this virtualenv.
            ERROR: Can not perform a '--user' install. User site-packages are disabled for this Python.
            Can not perform a '--user' install. User site-packages are not visible in this virtualenv.
            """)
    void pip_refusing_a_user_install_is_a_kind_of_its_own(String refusal) throws IOException {
        List<Finding> findings = raw(
                "##[group]Run pip install --user -r requirements.txt",
                "\u001B[36;1mpip install --user -r requirements.txt\u001B[0m",
                "##[endgroup]",
                refusal,
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.USER_INSTALL_REFUSED);
            assertThat(f.cause()).isEqualTo(Cause.USER_SITE_UNAVAILABLE);
            assertThat(f.command()).isEqualTo("pip install --user -r requirements.txt");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pip install --target /opt/vendor -r requirements.txt   | /opt/vendor/requests
            pip install -t vendor requests                         | /home/runner/work/app/app/vendor/requests
            pip install --prefix=/usr/local/app requests           | /usr/local/app/lib/python3.12/site-packages/requests
            """)
    void an_unwritable_target_or_prefix_is_that_directorys_not_the_environments(String command, String path)
            throws IOException {
        List<Finding> findings = raw(
                "##[group]Run " + command,
                "\u001B[36;1m" + command + "\u001B[0m",
                "##[endgroup]",
                "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '" + path + "'",
                "##[error]Process completed with exit code 1.");

        assertThat(findings)
                .singleElement()
                .satisfies(f -> assertThat(f.cause()).isEqualTo(Cause.TARGET_DIRECTORY_UNWRITABLE));
    }

    @Test
    void uv_on_windows_refused_removing_what_a_running_process_holds_is_a_locked_file() throws IOException {
        List<Finding> report = raw(
                "##[group]Run uv venv",
                "\u001B[36;1muv venv\u001B[0m",
                "shell: C:\\Program Files\\PowerShell\\7\\pwsh.EXE -command \". '{0}'\"",
                "##[endgroup]",
                "Creating virtualenv at: .venv",
                "  \u00D7 Failed to create virtualenv",
                "  \u251C\u2500\u25B6 failed to remove directory `D:\\a\\app\\app\\.venv`",
                "  \u2570\u2500\u25B6 Access is denied. (os error 5)",
                "##[error]Process completed with exit code 2.");
        List<Finding> inUse = raw(
                "##[group]Run uv tool upgrade ruff",
                "\u001B[36;1muv tool upgrade ruff\u001B[0m",
                "##[endgroup]",
                "error: Failed to install entrypoint",
                "  Caused by: failed to copy file from `C:\\Users\\runneradmin\\AppData\\Roaming\\uv\\tools\\ruff"
                        + "\\Scripts\\ruff.exe` to `C:\\Users\\runneradmin\\.local\\bin\\ruff.exe`: The process cannot"
                        + " access the file because it is being used by another process. (os error 32)",
                "##[error]Process completed with exit code 2.");

        assertThat(report).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.ACCESS_DENIED);
            assertThat(f.cause()).isEqualTo(Cause.FILE_LOCKED);
            assertThat(f.installer()).isEqualTo(Installer.UV);
            assertThat(f.path()).isEqualTo("D:\\a\\app\\app\\.venv");
        });
        assertThat(inUse).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.FILE_IN_USE);
            assertThat(f.cause()).isEqualTo(Cause.FILE_LOCKED);
        });
    }

    @Test
    void setuptools_refusals_without_an_error_code_are_the_checkouts() throws IOException {
        List<Finding> timeStamp = raw(
                "##[group]Run pip install -e .",
                "##[endgroup]",
                "  Getting requirements to build editable: finished with status 'error'",
                "  error: subprocess-exited-with-error",
                "  running egg_info",
                "  error: Cannot update time stamp of directory 'src/octo.egg-info'",
                "##[error]Process completed with exit code 1.");
        List<Finding> easyInstall = raw(
                "##[group]Run python setup.py develop",
                "##[endgroup]",
                "running develop",
                "error: can't create or remove files in install directory",
                "",
                "The following error occurred while trying to add or remove files in the",
                "installation directory:",
                "",
                "    [Errno 13] Permission denied: '/usr/local/lib/python3.10/dist-packages/test-easy-install-2147.write-test'",
                "##[error]Process completed with exit code 1.");

        List<Finding> underUv = raw(
                "##[group]Run uv sync",
                "\u001B[36;1muv sync\u001B[0m",
                "##[endgroup]",
                "  \u00D7 Failed to build `grafico @ file:///app`",
                "  \u251C\u2500\u25B6 The build backend returned an error",
                "  \u2570\u2500\u25B6 Call to `setuptools.build_meta.build_editable` failed (exit status: 1)",
                "      [stderr]",
                "      error: Cannot update time stamp of directory 'grafico.egg-info'",
                "##[error]Process completed with exit code 1.");

        assertThat(underUv).singleElement().satisfies(f -> {
            assertThat(f.installer()).isEqualTo(Installer.UV);
            assertThat(f.cause()).isEqualTo(Cause.SOURCE_TREE_UNWRITABLE);
        });
        assertThat(timeStamp).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.PERMISSION_DENIED);
            assertThat(f.cause()).isEqualTo(Cause.SOURCE_TREE_UNWRITABLE);
            assertThat(f.path()).isEqualTo("src/octo.egg-info");
        });
        assertThat(easyInstall).singleElement().satisfies(f -> {
            assertThat(f.cause()).isEqualTo(Cause.SYSTEM_SITE_PACKAGES);
            assertThat(f.path()).isEqualTo("/usr/local/lib/python3.10/dist-packages/test-easy-install-2147.write-test");
        });
    }

    @Test
    void debians_one_line_record_form_with_its_hint_on_the_next_line_is_a_distro_package() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run sudo pip install -U packaging",
                "##[endgroup]",
                "    Found existing installation: packaging 24.0",
                "ERROR: Cannot uninstall packaging 24.0, RECORD file not found.",
                "Hint: The package was installed by debian.",
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.CANNOT_UNINSTALL);
            assertThat(f.cause()).isEqualTo(Cause.DISTRO_PACKAGE);
        });
    }

    @Test
    void pips_recover_hint_counts_only_for_a_package_the_log_shows_in_the_distributions_directory() throws IOException {
        String[] block = {
            "error: uninstall-no-record-file",
            "",
            "\u00D7 Cannot uninstall blinker 1.4",
            "\u2570\u2500> The package's contents are unknown: no RECORD file was found for blinker.",
            "",
            "hint: You might be able to recover from this via: pip install --ignore-installed --no-deps blinker==1.4",
            "##[error]Process completed with exit code 1."
        };
        List<String> distro = new java.util.ArrayList<>(List.of(
                "##[group]Run pip install flask",
                "##[endgroup]",
                "Requirement already satisfied: blinker in /usr/lib/python3/dist-packages (from flask) (1.4)"));
        distro.addAll(List.of(block));
        List<String> unknown = new java.util.ArrayList<>(List.of("##[group]Run pip install flask", "##[endgroup]"));
        unknown.addAll(List.of(block));

        assertThat(raw(distro.toArray(String[]::new)))
                .singleElement()
                .satisfies(f -> assertThat(f.cause()).isEqualTo(Cause.DISTRO_PACKAGE));
        assertThat(raw(unknown.toArray(String[]::new))).isEmpty();
    }

    @Test
    void an_earlier_sudo_pip_step_is_the_cause_when_the_failing_step_shows_none() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run sudo \"$(which pip)\" install -r requirements.txt",
                "\u001B[36;1msudo \"$(which pip)\" install -r requirements.txt\u001B[0m",
                "##[endgroup]",
                "Successfully installed requests-2.32.5",
                "##[group]Run pip install -e .",
                "\u001B[36;1mpip install -e .\u001B[0m",
                "##[endgroup]",
                "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/srv/shared/x'",
                "##[error]Process completed with exit code 1.");

        assertThat(findings)
                .singleElement()
                .satisfies(f -> assertThat(f.cause()).isEqualTo(Cause.EARLIER_SUDO_PIP));
    }

    @Test
    void pipx_whose_log_file_is_roots_fails_setting_up_logging_with_the_permission_error_as_direct_cause()
            throws IOException {
        List<Finding> findings = raw(
                "##[group]Run pipx install poetry",
                "##[endgroup]",
                "Traceback (most recent call last):",
                "  File \"/usr/lib/python3.12/logging/config.py\", line 581, in configure",
                "    handler = self.configure_handler(handlers[name])",
                "  File \"/usr/lib/python3.12/logging/__init__.py\", line 1231, in _open",
                "    return open_func(self.baseFilename, self.mode,",
                "PermissionError: [Errno 13] Permission denied: '/opt/pipx/logs/cmd_2026-11-20_09.14.02.log'",
                "",
                "The above exception was the direct cause of the following exception:",
                "",
                "Traceback (most recent call last):",
                "  File \"/usr/bin/pipx\", line 8, in <module>",
                "  File \"/usr/lib/python3/dist-packages/pipx/main.py\", line 1045, in cli",
                "    setup(parsed_pipx_args)",
                "ValueError: Unable to configure handler 'file'",
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.installer()).isEqualTo(Installer.PIPX);
            assertThat(f.cause()).isEqualTo(Cause.PIPX_HOME_UNWRITABLE);
            assertThat(f.path()).isEqualTo("/opt/pipx/logs/cmd_2026-11-20_09.14.02.log");
        });
    }

    @Test
    void a_headline_soft_wrapped_before_the_exceptions_name_is_read_across_the_break() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run pip install x",
                "##[endgroup]",
                "ERROR: Could not install packages due to an",
                "OSError: [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/x'",
                "##[error]Process completed with exit code 1.");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.cause()).isEqualTo(Cause.SYSTEM_SITE_PACKAGES);
            assertThat(f.evidence()).hasSize(2);
        });
    }

    @Test
    void the_legacy_docker_builders_run_step_is_the_command_that_failed() throws IOException {
        List<Finding> findings = raw(
                "##[group]Run docker build -t app .",
                "##[endgroup]",
                "Step 5/9 : RUN pip install -r requirements.txt",
                " ---> Running in 4b1e0c9d2f3a",
                "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
                        + " '/usr/local/lib/python3.12/site-packages/yaml'",
                "The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 1",
                "##[error]Process completed with exit code 1.");

        assertThat(findings)
                .singleElement()
                .satisfies(f -> assertThat(f.command()).isEqualTo("pip install -r requirements.txt"));
    }

    private static List<Finding> raw(String... lines) throws IOException {
        StringBuilder log = new StringBuilder("\uFEFF");
        for (String line : lines) {
            log.append("2026-11-20T09:14:02.1234567Z ").append(line).append('\n');
        }
        return scan(log.toString());
    }

    /** The findings of a log, checked to be the same whether the prefilter runs or every line is read. */
    static List<Finding> scan(String log) throws IOException {
        List<Finding> fast = new LogScanner()
                .scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))
                .findings();
        List<Finding> reference = new LogScanner(1, true)
                .scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))
                .findings();
        assertThat(fast).as("prefiltered and every-line scans agree").isEqualTo(reference);
        return fast;
    }
}
