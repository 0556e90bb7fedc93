package dev.pipfix.github;

/**
 * What reading one job log came to.
 *
 * @param truncated the log was longer than the cap; only the first {@code bytes} were scanned
 */
public record LogRead(long bytes, long lines, boolean truncated) {
}
