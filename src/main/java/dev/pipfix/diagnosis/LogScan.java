package dev.pipfix.diagnosis;

import java.util.List;

/** The state of one log being scanned. Not thread-safe: one log, one thread. */
public interface LogScan {

    /** The next line of the log, without its line terminator, exactly as it appears in the file. */
    void accept(String rawLine);

    /** The findings of the whole log, in log order. Call once, after the last line. */
    List<Finding> finish();
}
