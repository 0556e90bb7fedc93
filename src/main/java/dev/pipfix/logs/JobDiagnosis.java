package dev.pipfix.logs;

import dev.pipfix.diagnosis.Diagnosis;
import java.util.Optional;

/**
 * What the engine found in one job's log of a saved file.
 *
 * @param job the job's name when the file names it ({@code gh run view} output, a run's log archive); empty for a
 *            file that is one job's log
 */
public record JobDiagnosis(Optional<String> job, Diagnosis diagnosis) {}
