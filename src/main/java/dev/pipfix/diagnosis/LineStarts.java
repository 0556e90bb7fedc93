package dev.pipfix.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a tool's own words start in a line, however the line is framed, decided from its raw bytes without decoding
 * it. Real logs put all kinds of frames before an installer's output: GitHub's and Jenkins' timestamps, ANSI colour,
 * BuildKit's {@code #12 3.456 } and its bare {@code 10.88 }, kaniko's {@code [2024-02-27 00:22:25] │ }, a build
 * service's {@code 12:34:56 } clock, GitLab's {@code 2024-02-27T00:22:25.123Z 00O }, {@code tee}'d {@code | },
 * Compose's {@code web-1  | }, tox's {@code py312: }, nox's {@code nox > }; pasted text adds inline backticks,
 * blockquotes and bullets. No list of frames is complete, so a frame is not looked up: the line is read token by
 * token (a run of digits and separators, a bracketed group, a label ending in {@code :}, {@code |} or {@code >}, a
 * box-drawing bar) until what follows is something the rules know ({@link #knownAt}). Only then is anything
 * removed, so a frame is whatever precedes the installer's words, and a line that holds none is left as it was.
 * <p>
 * The prefilter uses this to keep the lines the rules may need: most lines of a log are rejected after reading a
 * handful of bytes, which is what lets the scanner keep pace with grep. It may say yes to a line the rules then
 * ignore; it must never say no to one they need. The rules use it to read every line in the same frame-free form.
 */
final class LineStarts {

    private static final byte[][] BY_FIRST_BYTE_EMPTY = new byte[0][];
    private static final byte[][][] PREFIXES = new byte[256][][];
    private static final byte[] SCRIPT_ECHO = LogLines.SCRIPT_ECHO.getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_INDENT = 64;
    /** A frame is short: past this many bytes, what follows is no longer read as one. */
    private static final int MAX_FRAME = 256;

    private static final int MAX_TOKENS = 10;
    /** The longest word read as a label or an exception's dotted name. */
    private static final int MAX_EXCEPTION = 81;

    private static final int MAX_BRACKETED = 64;
    /** GitHub's and Azure's timestamps have seven fractional digits: the content starts at this offset. */
    private static final int GITHUB_CONTENT_OFFSET = 29;
    /** Bytes a line's content may start with and still matter: the prefixes' first bytes and what precedes them. */
    private static final boolean[] MAY_START = new boolean[256];

    private static final boolean[] LABEL = new boolean[256];
    /** Letters and {@code _}: a word that may be a label or an exception's name starts with one of them. */
    private static final boolean[] WORD_START = new boolean[256];

    private static final boolean[] TIME = new boolean[256];

    /**
     * The starts of the lines the rules read. The mojibake forms are pip's {@code ×} and {@code ╰─>} after a copy
     * through the wrong encoding ({@code Ã—}, {@code â•°â”€>}) or with replacement characters.
     */
    static final String[] PREFIXES_KNOWN = {
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
        "\u2570\u2500>",
        "hint: ",
        "Cannot uninstall ",
        "Caused by: ",
        "[Errno ",
        "[WinError ",
        "Can not perform a '--user' install",
        "The above exception was the direct cause",
        "\u00C3\u2014 ",
        "\u00E2\u2022\u00B0\u00E2\u201D\u20AC>",
        "\uFFFD",
        "x This environment is externally managed",
        "\u00D7 ",
        "\u251C\u2500\u25B6",
        "\u2570\u2500\u25B6",
        "Hint: ",
        "During handling of the above exception",
        "Step ",
        "Requirement already satisfied: "
    };

    static {
        for (int b = 0; b < 256; b++) {
            PREFIXES[b] = BY_FIRST_BYTE_EMPTY;
        }
        for (String prefix : PREFIXES_KNOWN) {
            byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
            int first = bytes[0] & 0xFF;
            byte[][] existing = PREFIXES[first];
            byte[][] grown = Arrays.copyOf(existing, existing.length + 1);
            grown[existing.length] = bytes;
            PREFIXES[first] = grown;
        }
        // a frame or an exception's name can start with any of these, so none of them rejects a line at once
        for (int c = 0; c < 256; c++) {
            MAY_START[c] = PREFIXES[c].length > 0
                    || c >= '0' && c <= '9'
                    || c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c == '_'
                    || c >= 0x80;
            LABEL[c] = c >= '0' && c <= '9'
                    || c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c == '_'
                    || c == '.'
                    || c == '-';
            WORD_START[c] = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            TIME[c] = c >= '0' && c <= '9'
                    || c == ':'
                    || c == '.'
                    || c == ','
                    || c == '-'
                    || c == '/'
                    || c == 'T'
                    || c == 'Z'
                    || c == '+';
        }
        for (char c : new char[] {' ', '\t', '[', '#', '|', '>', '*', '`', 0x1B}) {
            MAY_START[c] = true;
        }
    }

    private LineStarts() {}

    /** Whether the line {@code [start, end)} of {@code b}, a raw job log's line, may matter to the rules. */
    static boolean interesting(byte[] b, int start, int end) {
        int afterTime;
        // the common case: a GitHub timestamp, its content at a fixed offset, often decided by its first byte
        if (end - start > GITHUB_CONTENT_OFFSET
                && b[start + GITHUB_CONTENT_OFFSET - 2] == 'Z'
                && b[start + GITHUB_CONTENT_OFFSET - 1] == ' '
                && b[start + 4] == '-') {
            int first = b[start + GITHUB_CONTENT_OFFSET] & 0xFF;
            if (!MAY_START[first]) {
                return false;
            }
            afterTime = start + GITHUB_CONTENT_OFFSET;
            if (rejectedAtOnce(b, afterTime, end)) {
                return false;
            }
        } else {
            afterTime = skipTimestamp(b, skipBom(b, start, end), end);
        }
        if (startsWith(b, afterTime, end, SCRIPT_ECHO)) {
            return true;
        }
        return contentStart(b, afterTime, end, false) >= 0;
    }

    /**
     * Most output starts with a word, maybe indented, maybe after a bracketed group ({@code [ 45%] Building ...}):
     * unless the rules know what starts there, it matters only as a label or an exception's name, that is when a
     * colon follows it, or blanks and a {@code |} or {@code >}. Decided here in a few bytes, so that the general
     * reading ({@link #contentStart}) runs on few lines and the JIT compiles this small loop early.
     *
     * @return true when the line cannot matter; false when {@link #contentStart} must decide
     */
    private static boolean rejectedAtOnce(byte[] b, int from, int end) {
        int p = skipBlanks(b, from, end);
        if (p < end && b[p] == '[') {
            int close = skipBracketed(b, p, end);
            if (close == p || knownAt(b, p, end) || close + 4 <= end && b[close] == ' ' && b[close + 1] == 'R') {
                return false;
            }
            p = skipBlanks(b, close, end);
        }
        if (p >= end || !WORD_START[b[p] & 0xFF] || knownAt(b, p, end)) {
            return false;
        }
        int word = skipWord(b, p, end);
        if (word >= end || b[word] == ':') {
            return false;
        }
        if (b[word] != ' ') {
            return true;
        }
        int q = word;
        while (q < end && q - word < 16 && b[q] == ' ') {
            q++;
        }
        return q >= end || b[q] != '|' && b[q] != '>';
    }

    /**
     * The offset where something the rules know starts, after whatever frames it; -1 when there is none.
     *
     * @param pasted the text was pasted, not logged: inline backticks, blockquotes and list bullets are frames too
     *     (in a job log they are a tool's own output, a page or a document quoting an error)
     */
    static int contentStart(byte[] b, int start, int end, boolean pasted) {
        int p = skipBom(b, start, end);
        int limit = Math.min(end, p + MAX_FRAME);
        for (int tokens = 0; tokens <= MAX_TOKENS; tokens++) {
            p = skipBlanks(b, p, end);
            if (p >= end) {
                return -1;
            }
            if (knownAt(b, p, end)) {
                return p;
            }
            if (p >= limit) {
                return -1;
            }
            int c = b[p] & 0xFF;
            int next;
            if (LABEL[c] && c != '-') {
                // one scan of the word decides: an exception's name is content, a label is a frame
                int word = skipWord(b, p, end);
                if (isExceptionName(b, p, word, end)) {
                    return p;
                }
                next = c <= '9' && c >= '0' ? skipTime(b, p, end) : p;
                if (next == p) {
                    next = skipLabel(b, word, end);
                }
            } else {
                next = skipFrameToken(b, p, end, pasted);
                if (next == -2) {
                    return p;
                }
            }
            if (next <= p) {
                return -1;
            }
            p = next;
        }
        return -1;
    }

    /** Whether a line's content at {@code p} starts with one of the starts the rules read. */
    private static boolean knownAt(byte[] b, int p, int end) {
        for (byte[] prefix : PREFIXES[b[p] & 0xFF]) {
            if (startsWith(b, p, end, prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One frame token at {@code p}: the position after it; {@code p} itself (or -1) when there is none, and -2 when
     * what starts there is content after all (BuildKit's {@code [2/4] RUN ...}).
     */
    private static int skipFrameToken(byte[] b, int p, int end, boolean pasted) {
        int c = b[p] & 0xFF;
        if (c == 0x1B) {
            return skipAnsi(b, p, end);
        }
        if (c == '#') {
            return skipBuildKitStep(b, p, end);
        }
        if (c == '[') {
            // one scan to the group's end: a BuildKit step ("[2/4] RUN ...") is content, anything else a frame
            int close = skipBracketed(b, p, end);
            if (close > p
                    && end - close >= 4
                    && b[close] == ' '
                    && b[close + 1] == 'R'
                    && b[close + 2] == 'U'
                    && b[close + 3] == 'N') {
                return -2;
            }
            return close;
        }
        if (c == '|') {
            return followedByBlank(b, p + 1, end);
        }
        // box-drawing bars (│ ┃ ║), as kaniko and some build services draw them
        if (c == 0xE2
                        && p + 2 < end
                        && (b[p + 1] & 0xFF) == 0x94
                        && ((b[p + 2] & 0xFF) == 0x82 || (b[p + 2] & 0xFF) == 0x83)
                || c == 0xE2 && p + 2 < end && (b[p + 1] & 0xFF) == 0x95 && (b[p + 2] & 0xFF) == 0x91) {
            return followedByBlank(b, p + 3, end);
        }
        if (pasted) {
            if (c == '`') {
                return p + 1;
            }
            if (c == '>' || c == '*' || c == '-') {
                return followedByBlank(b, p + 1, end);
            }
            // a bullet: •
            if (c == 0xE2 && p + 2 < end && (b[p + 1] & 0xFF) == 0x80 && (b[p + 2] & 0xFF) == 0xA2) {
                return followedByBlank(b, p + 3, end);
            }
        }
        return p;
    }

    /** {@code 2024-02-27T00:22:25.123Z}, {@code 00:22:25}, {@code 10.88}, and GitLab's stream tag after it. */
    private static int skipTime(byte[] b, int p, int end) {
        int q = p;
        int limit = Math.min(end, p + 40);
        while (q < limit && TIME[b[q] & 0xFF]) {
            q++;
        }
        // GitLab: "00O " or "01E+" after its timestamp
        if (q - p == 2 && q < end && (b[q] == 'O' || b[q] == 'E')) {
            q++;
            if (q < end && b[q] == '+') {
                q++;
            }
        }
        return q == end || b[q] == ' ' || b[q] == '\t' ? q : p;
    }

    /** The end of the word at {@code p}: letters, digits and {@code _ . -}, at most {@link #MAX_EXCEPTION} of them. */
    private static int skipWord(byte[] b, int p, int end) {
        int q = p;
        int limit = Math.min(end, p + MAX_EXCEPTION);
        while (q < limit && LABEL[b[q] & 0xFF]) {
            q++;
        }
        return q;
    }

    /**
     * After a word ending at {@code word}: its mark, making it a label such as {@code py312:}, {@code web-1  |} or
     * {@code nox >}; -1 when there is none (the word is content, or the line is not framed).
     */
    private static int skipLabel(byte[] b, int word, int end) {
        int q = word;
        while (q < end && q - word < 16 && b[q] == ' ') {
            q++;
        }
        if (q >= end) {
            return -1;
        }
        if (b[q] == ':' && q == word || b[q] == '|' || b[q] == '>') {
            return followedByBlank(b, q + 1, end);
        }
        return -1;
    }

    /** {@code [2024-02-27 00:22:25]}, {@code [pipx]}: a short bracketed group. */
    private static int skipBracketed(byte[] b, int p, int end) {
        int limit = Math.min(end, p + MAX_BRACKETED);
        for (int i = p + 1; i < limit; i++) {
            if (b[i] == '[') {
                return p;
            }
            if (b[i] == ']') {
                return i + 1;
            }
        }
        return p;
    }

    /** {@code #12}: BuildKit's step number, before a blank. */
    private static int skipBuildKitStep(byte[] b, int p, int end) {
        int i = p + 1;
        while (i < end && i - p <= 6 && isDigit(b[i])) {
            i++;
        }
        return i > p + 1 && i < end && b[i] == ' ' ? i : p;
    }

    /** Past {@code at} when a blank or the line's end is there; otherwise a position before it (no token). */
    private static int followedByBlank(byte[] b, int at, int end) {
        return at >= end || b[at] == ' ' || b[at] == '\t' ? at : -1;
    }

    /** {@code PermissionError: }, {@code pip._vendor.x.SomeException: }: a Python exception's name and colon. */
    private static boolean isExceptionName(byte[] b, int p, int word, int end) {
        if (word + 1 >= end || b[word] != ':' || b[word + 1] != ' ') {
            return false;
        }
        return endsWith(b, word, "Error") || endsWith(b, word, "Exception");
    }

    /** Whether the bytes before {@code to} are the ASCII text {@code ascii}. */
    static boolean endsWith(byte[] b, int to, String ascii) {
        int from = to - ascii.length();
        if (from < 0) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[from + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int skipBom(byte[] b, int p, int end) {
        return end - p >= 3 && b[p] == (byte) 0xEF && b[p + 1] == (byte) 0xBB && b[p + 2] == (byte) 0xBF ? p + 3 : p;
    }

    private static int skipBlanks(byte[] b, int p, int end) {
        int limit = Math.min(end, p + MAX_INDENT);
        int q = p;
        while (q < limit && (b[q] == ' ' || b[q] == '\t')) {
            q++;
        }
        return q;
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
