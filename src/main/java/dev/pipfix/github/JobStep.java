package dev.pipfix.github;

/** A step of a job as the API lists it; numbers count set-up steps too, so they do not match the YAML. */
public record JobStep(String name, int number, String conclusion) {}
