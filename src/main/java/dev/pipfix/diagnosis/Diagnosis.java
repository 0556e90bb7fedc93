package dev.pipfix.diagnosis;

import java.util.List;

/** The findings of one log, and how much of it was read. */
public record Diagnosis(List<Finding> findings, long lines, long bytes) {

    public Diagnosis {
        findings = List.copyOf(findings);
    }
}
