package dev.pipfix.web;

import java.util.Map;

/** {@code GET /healthz}: each part's state in words, and whether pipfix can take and do work. */
public record Health(Map<String, String> parts, boolean healthy) {

    public Health {
        parts = Map.copyOf(parts);
    }
}
