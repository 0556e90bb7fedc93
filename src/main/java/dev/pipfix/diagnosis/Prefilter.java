package dev.pipfix.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Picks the lines of one chunk the rules may need, and decodes only those. It looks at the chunk as Latin-1 text,
 * which costs one copy and lets the JDK's vectorised {@code indexOf} find line ends and the rare {@code ]}; a line
 * is kept if its start may matter ({@link LineStarts}) or it holds an OS error code such as {@code [Errno 13]}.
 * Stateless: chunks can be filtered in parallel.
 */
final class Prefilter {

    private Prefilter() {}

    /** The kept lines of a chunk, numbered from 0 within it, and how many lines it had in all. */
    record Result(long lineCount, long[] lineIndexes, String[] lines, int kept) {}

    static Result run(Chunk chunk, boolean everyLine, int maxLineBytes) {
        byte[] data = chunk.data();
        if (chunk.giantHead()) {
            return new Result(1, new long[] {0}, new String[] {utf8(data, 0, chunk.length())}, 1);
        }
        String text = new String(data, 0, chunk.length(), StandardCharsets.ISO_8859_1);
        int[] hits = everyLine ? new int[0] : errorCodeHits(text, data);
        int hitCount = hits.length;
        long[] indexes = new long[64];
        String[] lines = new String[64];
        int kept = 0;
        long count = 0;
        int hit = 0;
        int start = 0;
        int length = chunk.length();
        while (start < length) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? length : newline;
            while (hit < hitCount && hits[hit] < start) {
                hit++;
            }
            boolean keep = everyLine || hit < hitCount && hits[hit] < end || LineStarts.interesting(data, start, end);
            if (keep) {
                if (kept == indexes.length) {
                    indexes = Arrays.copyOf(indexes, kept * 2);
                    lines = Arrays.copyOf(lines, kept * 2);
                }
                indexes[kept] = count;
                lines[kept] = utf8(data, start, Math.min(end, start + maxLineBytes));
                kept++;
            }
            count++;
            start = end + 1;
        }
        return new Result(count, indexes, lines, kept);
    }

    /** Offsets of {@code ]} that close an {@code [Errno N]} or {@code [WinError N]}, in order. */
    private static int[] errorCodeHits(String text, byte[] data) {
        int[] hits = new int[16];
        int count = 0;
        int at = text.indexOf(']');
        while (at >= 0) {
            if (closesErrorCode(data, at)) {
                if (count == hits.length) {
                    hits = Arrays.copyOf(hits, count * 2);
                }
                hits[count++] = at;
            }
            at = text.indexOf(']', at + 1);
        }
        return Arrays.copyOf(hits, count);
    }

    private static boolean closesErrorCode(byte[] b, int close) {
        int i = close - 1;
        while (i >= 0 && close - i <= 7 && b[i] >= '0' && b[i] <= '9') {
            i--;
        }
        if (i == close - 1) {
            return false;
        }
        if (i >= 0 && b[i] == '-') {
            i--;
        }
        return LineStarts.endsWith(b, i + 1, "[Errno ") || LineStarts.endsWith(b, i + 1, "[WinError ");
    }

    private static String utf8(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    /** GitHub's and Azure's {@code 2026-11-20T09:14:02.1234567Z} or Jenkins' bracketed form, after a BOM. */
    static boolean startsWithTimestamp(Chunk chunk) {
        byte[] b = chunk.data();
        int p = 0;
        if (chunk.length() >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            p = 3;
        }
        if (p < chunk.length() && b[p] == '[') {
            p++;
        }
        return chunk.length() - p >= 20
                && isDigit(b[p])
                && isDigit(b[p + 3])
                && b[p + 4] == '-'
                && b[p + 7] == '-'
                && b[p + 10] == 'T'
                && b[p + 13] == ':';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
