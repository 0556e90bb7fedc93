package dev.pipfix.diagnosis;

import java.nio.charset.StandardCharsets;

/**
 * Decides from a line's raw bytes, without decoding it, whether the rules could care about it: its content (after
 * the framing {@link LogLines} removes, and any indentation) starts with one of a few prefixes. Most lines of a log
 * are rejected after reading a handful of bytes, which is what lets the scanner keep pace with grep. It may say yes
 * to a line the rules then ignore; it must never say no to one they need.
 */
final class LineStarts {

    private static final byte[][] BY_FIRST_BYTE_EMPTY = new byte[0][];
    private static final byte[][][] PREFIXES = new byte[256][][];
    private static final byte[] SCRIPT_ECHO = LogLines.SCRIPT_ECHO.getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_INDENT = 64;
    /** GitHub's and Azure's timestamps have seven fractional digits: the content starts at this offset. */
    private static final int GITHUB_CONTENT_OFFSET = 29;
    /** Bytes a line's content may start with and still matter: the prefixes' first bytes and what precedes them. */
    private static final boolean[] MAY_START = new boolean[256];

    static {
        String[] prefixes = {
            "##[",
            "Run ",
            "Running setup.py install for ",
            "Error: ",
            "ERROR: ",
            "Exception:",
            "error: ",
            "Could not install packages",
            "File \"",
            "Traceback (most recent call last)",
            "shell: ",
            "Image: ",
            "WARNING: The directory '",
            "The directory '",
            "[command]",
            "[Pipeline] ",
            "+ ",
            "\u00D7 This environment is externally managed",
            "\u00D7 Cannot uninstall ",
            "\u2570\u2500>",
            "hint: The package was installed by ",
            "Cannot uninstall ",
            "Caused by: ",
            "\u00D7 python setup.py "
        };
        for (int b = 0; b < 256; b++) {
            PREFIXES[b] = BY_FIRST_BYTE_EMPTY;
        }
        for (String prefix : prefixes) {
            byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
            int first = bytes[0] & 0xFF;
            byte[][] existing = PREFIXES[first];
            byte[][] grown = java.util.Arrays.copyOf(existing, existing.length + 1);
            grown[existing.length] = bytes;
            PREFIXES[first] = grown;
            MAY_START[first] = true;
        }
        for (char c : new char[] {' ', '\t', '[', '#', 0x1B, 0xEF}) {
            MAY_START[c] = true;
        }
    }

    private LineStarts() {}

    /** Whether the line {@code [start, end)} of {@code b} may matter to the rules. */
    static boolean interesting(byte[] b, int start, int end) {
        // the common case, decided by one byte: a GitHub timestamp, then content that cannot matter
        if (end - start > GITHUB_CONTENT_OFFSET
                && b[start + GITHUB_CONTENT_OFFSET - 2] == 'Z'
                && b[start + GITHUB_CONTENT_OFFSET - 1] == ' '
                && b[start + 4] == '-'
                && !MAY_START[b[start + GITHUB_CONTENT_OFFSET] & 0xFF]) {
            return false;
        }
        int p = start;
        if (end - p >= 3 && b[p] == (byte) 0xEF && b[p + 1] == (byte) 0xBB && b[p + 2] == (byte) 0xBF) {
            p += 3;
        }
        p = skipTimestamp(b, p, end);
        if (startsWith(b, p, end, SCRIPT_ECHO)) {
            return true;
        }
        p = skipAnsi(b, p, end);
        p = skipBuildKit(b, p, end);
        int indentEnd = Math.min(end, p + MAX_INDENT);
        while (p < indentEnd && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p >= end) {
            return false;
        }
        for (byte[] prefix : PREFIXES[b[p] & 0xFF]) {
            if (startsWith(b, p, end, prefix)) {
                return true;
            }
        }
        return b[p] == '[' && isBuildKitStage(b, p, end);
    }

    /** {@code 2026-11-20T09:14:02.1234567Z } (GitHub, Azure) or {@code [2026-11-20T09:14:02.123Z] } (Jenkins). */
    private static int skipTimestamp(byte[] b, int p, int end) {
        int q = p;
        boolean bracketed = q < end && b[q] == '[';
        if (bracketed) {
            q++;
        }
        if (end - q < 20
                || !isDigit(b[q])
                || b[q + 4] != '-'
                || b[q + 7] != '-'
                || b[q + 10] != 'T'
                || b[q + 13] != ':') {
            return p;
        }
        int limit = Math.min(end, q + 32);
        for (int i = q + 19; i < limit; i++) {
            if (b[i] == 'Z' || bracketed && b[i] == ']') {
                int after = i + 1;
                if (bracketed && b[i] == 'Z' && after < end && b[after] == ']') {
                    after++;
                }
                return after < end && b[after] == ' ' ? after + 1 : after;
            }
        }
        return p;
    }

    private static int skipAnsi(byte[] b, int p, int end) {
        int q = p;
        while (end - q >= 3 && b[q] == 0x1B && b[q + 1] == '[') {
            int i = q + 2;
            int limit = Math.min(end, q + 34);
            while (i < limit && (isDigit(b[i]) || b[i] == ';' || b[i] == '?')) {
                i++;
            }
            if (i >= limit || !isLetter(b[i])) {
                return q;
            }
            q = i + 1;
        }
        return q;
    }

    /** {@code #12 3.456 } or {@code #12 }: Docker BuildKit's step and time, before the tool's own output. */
    private static int skipBuildKit(byte[] b, int p, int end) {
        if (p >= end || b[p] != '#' || p + 1 >= end || !isDigit(b[p + 1])) {
            return p;
        }
        int i = p + 1;
        while (i < end && isDigit(b[i])) {
            i++;
        }
        if (i >= end || b[i] != ' ') {
            return p;
        }
        int afterStep = i + 1;
        int j = afterStep;
        while (j < end && isDigit(b[j])) {
            j++;
        }
        if (j > afterStep && j < end && b[j] == '.') {
            j++;
            while (j < end && isDigit(b[j])) {
                j++;
            }
            if (j < end && b[j] == ' ') {
                return j + 1;
            }
        }
        return afterStep;
    }

    /** {@code [4/6] RUN ...} or {@code [builder 2/5] RUN ...}: a Dockerfile step BuildKit is running. */
    private static boolean isBuildKitStage(byte[] b, int p, int end) {
        int limit = Math.min(end - 5, p + 64);
        for (int i = p + 1; i < limit; i++) {
            if (b[i] == ']') {
                return b[i + 1] == ' ' && b[i + 2] == 'R' && b[i + 3] == 'U' && b[i + 4] == 'N';
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int p, int end, byte[] prefix) {
        if (end - p < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[p + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
