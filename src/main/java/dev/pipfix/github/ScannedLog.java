package dev.pipfix.github;

import dev.pipfix.diagnosis.Diagnosis;

/**
 * A job log read through the diagnosis engine.
 *
 * @param truncated the log was longer than the cap; only its beginning was scanned
 */
public record ScannedLog(Diagnosis diagnosis, boolean truncated) {}
