package dev.pipfix.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The diagnosis engine: one pass over a job log of any size, in bounded memory (about three times {@link #CHUNK}).
 *
 * <p>It reads the log in chunks and looks at each chunk as Latin-1 text, which costs one copy and lets the JDK's
 * vectorised {@code indexOf} find line ends and the rare {@code ]} byte. A line reaches the rules only if its start
 * may matter ({@link LineStarts}) or it holds an OS error code such as {@code [Errno 13]} anywhere; every other line
 * is counted and skipped without being decoded. Lines are capped at {@link #MAX_LINE_BYTES}; the rest of a longer
 * line is skipped but counted as one line.
 */
public final class LogScanner implements LogDetector {

    static final int CHUNK = 1 << 20;
    static final int MAX_LINE_BYTES = 16 * 1024;
    /** A NUL in the first bytes means binary data, as grep and git decide it. */
    private static final int BINARY_PROBE_BYTES = 8 * 1024;

    private final boolean everyLine;

    public LogScanner() {
        this(false);
    }

    /** @param everyLine hand every line to the rules: the slow reference the prefilter is tested against */
    LogScanner(boolean everyLine) {
        this.everyLine = everyLine;
    }

    @Override
    public Diagnosis scan(InputStream log) throws IOException {
        return new Pass(log).run();
    }

    private final class Pass {
        private final InputStream in;
        private final Analyzer analyzer = new Analyzer();
        private final byte[] buffer = new byte[CHUNK + MAX_LINE_BYTES];
        private int[] hits = new int[64];
        private long lines;
        private long bytes;
        private int window;
        /** The current line was longer than the cap: its head went to the rules, its tail is being skipped. */
        private boolean skippingTail;

        Pass(InputStream in) {
            this.in = in;
        }

        Diagnosis run() throws IOException {
            int filled = 0;
            boolean first = true;
            while (true) {
                int read = in.readNBytes(buffer, filled, buffer.length - filled);
                bytes += read;
                filled += read;
                boolean end = filled < buffer.length;
                if (first) {
                    rejectBinary(filled);
                    first = false;
                }
                int consumed = processCompleteLines(filled);
                if (end) {
                    if (consumed < filled) {
                        lastLineWithoutNewline(consumed, filled);
                    }
                    break;
                }
                if (consumed == 0) {
                    // no line end in a full buffer: a giant line; keep its head, skip the rest
                    if (!skippingTail) {
                        line(0, MAX_LINE_BYTES, true);
                        skippingTail = true;
                    }
                    filled = 0;
                    continue;
                }
                System.arraycopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
            return new Diagnosis(analyzer.finish(), lines, bytes);
        }

        /** Handles every line that ends in {@code [0, filled)}; returns the offset after the last line end. */
        private int processCompleteLines(int filled) {
            String text = new String(buffer, 0, filled, StandardCharsets.ISO_8859_1);
            int lastNewline = text.lastIndexOf('\n');
            if (lastNewline < 0) {
                return 0;
            }
            int hitCount = errorCodeHits(text, lastNewline);
            int hit = 0;
            int start = 0;
            if (skippingTail) {
                start = lastNewline >= 0 ? text.indexOf('\n') + 1 : 0;
                lines++;
                skippingTail = false;
            }
            while (start <= lastNewline) {
                int newline = text.indexOf('\n', start);
                while (hit < hitCount && hits[hit] < start) {
                    hit++;
                }
                boolean candidate = everyLine || window > 0
                        || hit < hitCount && hits[hit] < newline
                        || LineStarts.interesting(buffer, start, newline);
                if (candidate) {
                    line(start, Math.min(newline, start + MAX_LINE_BYTES), false);
                } else {
                    lines++;
                }
                start = newline + 1;
            }
            return lastNewline + 1;
        }

        /** Offsets of {@code ]} that close an {@code [Errno N]} or {@code [WinError N]}, in order. */
        private int errorCodeHits(String text, int limit) {
            int count = 0;
            int at = text.indexOf(']');
            while (at >= 0 && at < limit) {
                if (closesErrorCode(at)) {
                    if (count == hits.length) {
                        hits = java.util.Arrays.copyOf(hits, count * 2);
                    }
                    hits[count++] = at;
                }
                at = text.indexOf(']', at + 1);
            }
            return count;
        }

        private boolean closesErrorCode(int close) {
            int i = close - 1;
            int digitsEnd = i;
            while (i >= 0 && close - i <= 7 && buffer[i] >= '0' && buffer[i] <= '9') {
                i--;
            }
            if (i == digitsEnd) {
                return false;
            }
            if (i >= 0 && buffer[i] == '-') {
                i--;
            }
            return endsWith(i, "[Errno ") || endsWith(i, "[WinError ");
        }

        private boolean endsWith(int last, String ascii) {
            int from = last - ascii.length() + 1;
            if (from < 0) {
                return false;
            }
            for (int k = 0; k < ascii.length(); k++) {
                if (buffer[from + k] != ascii.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private void lastLineWithoutNewline(int from, int filled) {
            if (skippingTail) {
                lines++;
                skippingTail = false;
                return;
            }
            line(from, Math.min(filled, from + MAX_LINE_BYTES), false);
        }

        /** Decodes the line and hands it to the rules; a giant line's head is counted when its end arrives. */
        private void line(int from, int to, boolean headOfGiantLine) {
            long number = lines + 1;
            if (!headOfGiantLine) {
                lines++;
            }
            if (window > 0) {
                window--;
            }
            String line = new String(buffer, from, to - from, StandardCharsets.UTF_8);
            window = Math.max(window, analyzer.accept(number, line));
        }

        private void rejectBinary(int filled) throws NotALogException {
            int probe = Math.min(filled, BINARY_PROBE_BYTES);
            for (int i = 0; i < probe; i++) {
                if (buffer[i] == 0) {
                    String what = i > 0 && i < 4 && (buffer[0] == (byte) 0xFF || buffer[0] == (byte) 0xFE)
                            ? "UTF-16 text" : "binary data";
                    if (filled >= 4 && buffer[0] == 'P' && buffer[1] == 'K' && buffer[2] == 3 && buffer[3] == 4) {
                        what = "a zip archive (a run's logs download holds one text file per job: unzip it and"
                                + " analyze a job's file)";
                    }
                    throw new NotALogException("not a text log: " + what + " (a NUL byte at offset " + i + ")");
                }
            }
        }
    }
}
