package dev.pipfix.diagnosis;

import java.util.List;

/**
 * Poetry's words: it prints the exception's name, a blank line, then its message alone ({@code [Errno 13] Permission
 * denied: '/usr/...'}), which pip never does; they count in a step that runs Poetry's installer.
 */
final class PoetryRules implements Rules {

    @Override
    public boolean read(OutputLine line, LogContext log) {
        if (!line.content.startsWith("[Errno ") || !log.runsPoetry()) {
            return false;
        }
        ErrorCode code = ErrorCode.at(line.content, 0);
        if (code == null || code.kind() == null) {
            return false;
        }
        log.record(code, line, List.of(line.content)).installer = Installer.POETRY;
        return true;
    }
}
