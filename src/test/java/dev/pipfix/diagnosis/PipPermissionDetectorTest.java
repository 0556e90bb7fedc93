package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipPermissionDetectorTest {

    private final LogDetector detector = new PipPermissionDetector();

    @Test
    void errno13_in_a_raw_job_log_is_found_with_its_line_step_command_and_path() throws IOException {
        // given a self-hosted runner's log where ~/.local was left root-owned
        List<Finding> findings = scan(fixture("linux-self-hosted-user-site-errno13.log"));

        // then
        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(finding.line()).isEqualTo(45);
        assertThat(finding.step()).isEqualTo("Run pip install -r requirements.txt");
        assertThat(finding.stepLine()).isEqualTo(11);
        assertThat(finding.command()).isEqualTo("pip install -r requirements.txt");
        assertThat(finding.path()).isEqualTo("/home/runner/.local/lib/python3.12/site-packages/requests-2.32.5.dist-info");
        assertThat(finding.os()).isEqualTo(Os.LINUX);
        assertThat(finding.evidence()).containsExactly("ERROR: Could not install packages due to an OSError:"
                + " [Errno 13] Permission denied: '/home/runner/.local/lib/python3.12/site-packages/requests-2.32.5.dist-info'");
    }

    @Test
    void old_pips_environment_error_wording_into_system_site_packages_names_that_cause() throws IOException {
        List<Finding> findings = scan(fixture("linux-container-old-pip-system-site-errno13.log"));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.PERMISSION_DENIED);
            assertThat(finding.cause()).isEqualTo(Cause.SYSTEM_SITE_PACKAGES);
            assertThat(finding.path()).isEqualTo("/usr/lib/python3.6/site-packages/pyflakes");
            assertThat(finding.command()).isEqualTo("pip3 install flake8");
            assertThat(finding.os()).isEqualTo(Os.LINUX);
        });
    }

    @Test
    void winerror5_on_pip_exe_is_pip_upgrading_itself_on_windows() throws IOException {
        List<Finding> findings = scan(fixture("windows-pip-self-upgrade-winerror5.log"));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ACCESS_DENIED);
            assertThat(finding.cause()).isEqualTo(Cause.PIP_SELF_UPGRADE);
            assertThat(finding.os()).isEqualTo(Os.WINDOWS);
            assertThat(finding.step()).isEqualTo("Run pip install --upgrade pip");
            assertThat(finding.path()).endsWith("pip-uninstall-q8v3w1ke\\\\pip.exe");
        });
    }

    @Test
    void a_tests_own_permission_error_is_not_a_pip_finding() throws IOException {
        assertThat(scan(fixture("linux-pytest-failure-no-pip-error.log"))).isEmpty();
    }

    @Test
    void errno_on_the_lines_below_the_headline_is_found_as_old_pip_printed_it() {
        // given a web-page copy: no timestamps, no markers
        String log = """
                Installing collected packages: pip
                  Found existing installation: pip 19.0.3
                    Uninstalling pip-19.0.3:
                Could not install packages due to an EnvironmentError.
                Traceback (most recent call last):
                  File "c:\\hostedtoolcache\\windows\\python\\3.7.9\\x64\\lib\\shutil.py", line 566, in move
                PermissionError: [WinError 5] Access is denied: 'c:\\\\hostedtoolcache\\\\windows\\\\python\\\\3.7.9\\\\x64\\\\scripts\\\\pip.exe'
                Error: Process completed with exit code 1.
                """;

        List<Finding> findings = scan(log);

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ACCESS_DENIED);
            assertThat(finding.line()).isEqualTo(4);
            assertThat(finding.step()).isNull();
            assertThat(finding.os()).isEqualTo(Os.WINDOWS);
            assertThat(finding.cause()).isEqualTo(Cause.PIP_SELF_UPGRADE);
            assertThat(finding.evidence()).hasSize(2);
        });
    }

    @Test
    void could_not_install_for_a_network_error_is_not_a_permission_finding() {
        String log = "ERROR: Could not install packages due to an OSError: HTTPSConnectionPool(host='files.pythonhosted"
                + ".org', port=443): Max retries exceeded with url: /packages/x.whl (Caused by NewConnectionError("
                + "'<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: "
                + "[Errno 101] Network is unreachable'))\n";

        assertThat(scan(log)).isEmpty();
    }

    @Test
    void a_huge_line_keeps_only_a_bounded_piece_as_evidence() {
        String log = "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '"
                + "/Library/Python/3.9/site-packages/x".repeat(5_000) + "'\n";

        assertThat(scan(log)).singleElement()
                .satisfies(finding -> assertThat(finding.evidence().get(0)).hasSizeLessThan(2_100));
    }

    private List<Finding> scan(String log) {
        LogScan scan = detector.newScan();
        log.lines().forEach(scan::accept);
        return scan.finish();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = PipPermissionDetectorTest.class.getResourceAsStream("/logs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
