package dev.pipfix.diagnosis;

import java.util.List;

/**
 * One pip permission failure found in a job log.
 *
 * @param line     1-based line in the log as given
 * @param step     the step the line belongs to, from its {@code ##[group]Run ...} header; null when the log has no headers
 * @param stepLine 1-based line within that step's section (the header is line 1), for deep links; 0 without a step
 * @param command  the pip command line of the step's script, when the header echoed one
 * @param path     the file or directory pip could not write, when the message names one
 */
public record Finding(
        Kind kind,
        Cause cause,
        int line,
        String step,
        int stepLine,
        String command,
        String path,
        Os os,
        List<String> evidence) {

    public Finding {
        evidence = List.copyOf(evidence);
    }
}
