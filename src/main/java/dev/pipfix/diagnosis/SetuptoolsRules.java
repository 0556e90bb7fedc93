package dev.pipfix.diagnosis;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * setuptools' and distutils' words, printed from a package's build that pip (or {@code setup.py} itself) ran: their
 * refusals without an error code, easy_install's paragraph, and a build backend's error on the checkout's
 * {@code egg-info}.
 */
final class SetuptoolsRules implements Rules {

    /**
     * distutils' own refusal, under a {@code setup.py install} that pip ran: no errno, the OS's words after the path
     * ({@code error: could not create '/usr/local/lib/python3.8/dist-packages/foo': Permission denied}).
     */
    private static final Pattern DISTUTILS_REFUSAL =
            Pattern.compile("^error: could not (?:create|copy|write|open|delete|remove|make) '(.+?)': "
                    + "(Permission denied|Operation not permitted|Read-only file system)\\b");
    /** setuptools' egg_info touching its directory: only an OSError (the checkout not the user's) raises it. */
    private static final Pattern EGG_INFO_TIME_STAMP =
            Pattern.compile("^error: Cannot update time stamp of directory '(.{1,1000}?)'");
    /** easy_install's paragraph (under {@code setup.py install} or {@code develop}): the OS's error follows. */
    private static final String EASY_INSTALL_HEADLINE = "error: can't create or remove files in install directory";
    /** How far below its paragraph's first line easy_install's error code stands. */
    private static final int EASY_INSTALL_REACH = 8;

    /** easy_install's paragraph began here. */
    private long easyInstallLine = -1;

    @Override
    public void stepStarted() {
        easyInstallLine = -1;
    }

    @Override
    public boolean read(OutputLine line, LogContext log) {
        String content = line.content;
        long number = line.number;
        Matcher stamp = content.startsWith("error: Cannot update") ? EGG_INFO_TIME_STAMP.matcher(content) : null;
        if (stamp != null && stamp.lookingAt()) {
            Candidate refused = log.record(Kind.PERMISSION_DENIED, number, stamp.group(1), List.of(content));
            refused.buildingInSource = true;
            // uv builds with setuptools too, and prints the backend's error under its own report
            if (log.runsUv()) {
                refused.installer = Installer.UV;
            }
            return true;
        }
        if (content.startsWith(EASY_INSTALL_HEADLINE)) {
            easyInstallLine = number;
            return true;
        }
        if (LogContext.within(easyInstallLine, number, EASY_INSTALL_REACH)
                && (content.startsWith("[Errno ") || content.startsWith("[WinError "))) {
            ErrorCode code = ErrorCode.at(content, 0);
            if (code != null && code.kind() != null) {
                log.record(code, line, List.of(EASY_INSTALL_HEADLINE, content));
                easyInstallLine = -1;
                return true;
            }
        }
        Matcher distutils = content.startsWith("error: could not ") ? DISTUTILS_REFUSAL.matcher(content) : null;
        if (distutils != null && distutils.lookingAt() && (log.inSetupPyInstall(number) || log.inBuildBlock(number))) {
            Kind kind = switch (distutils.group(2)) {
                case "Operation not permitted" -> Kind.OPERATION_NOT_PERMITTED;
                case "Read-only file system" -> Kind.READ_ONLY_FILESYSTEM;
                default -> Kind.PERMISSION_DENIED;
            };
            log.record(kind, number, distutils.group(1), List.of(content));
            return true;
        }
        Optional<ErrorCode> code = line.exceptionError();
        if (code.isPresent() && log.inBuildBlock(number)) {
            String path = line.pathAfter(code.get());
            if (path != null && path.contains(".egg-info")) {
                // a build backend's own traceback under pip's block, refused the checkout's egg-info
                log.record(code.get(), line, List.of(content)).buildingInSource = true;
                return true;
            }
        }
        return false;
    }
}
