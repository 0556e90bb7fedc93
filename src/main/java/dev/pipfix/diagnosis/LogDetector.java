package dev.pipfix.diagnosis;

/**
 * Finds pip permission failures in a job log. A detector is stateless and shared; each log gets its own
 * {@link LogScan}, fed line by line so that a log of any size is scanned without holding it in memory.
 */
public interface LogDetector {

    LogScan newScan();
}
