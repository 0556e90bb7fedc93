package dev.pipfix.diagnosis;

/**
 * A piece of the log that ends at a line end (or the end of the log), so that it can be scanned on its own.
 *
 * @param giantHead the first bytes of a line longer than the cap; it counts as one line, its tail is skipped
 */
record Chunk(byte[] data, int length, boolean giantHead) {}
