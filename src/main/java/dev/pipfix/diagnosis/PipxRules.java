package dev.pipfix.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * pipx's words: a traceback through its code that ends with the OS's refusal, when its home or bin directory is not
 * the job user's. When its log file is the one refused, the refusal ends a traceback through the logging module, and
 * the traceback it was the direct cause of runs through pipx's code ({@link LogContext#unclaimed}).
 */
final class PipxRules implements Rules {

    @Override
    public boolean read(OutputLine line, LogContext log) {
        Optional<ErrorCode> code = line.exceptionError();
        if (code.isPresent() && log.inPipxTraceback(line.number)) {
            log.record(code.get(), line, List.of(line.content)).installer = Installer.PIPX;
            return true;
        }
        // no installer's code in this traceback yet: the next one may show whose failure this was
        log.unclaimed(line);
        return false;
    }
}
