package dev.pipfix.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The diagnosis engine: one pass over a job log of any size, in bounded memory.
 *
 * <p>The log is cut into chunks at line ends ({@link ChunkReader}); each chunk goes through the {@link Prefilter},
 * which hands on only the lines the rules may need, decoded; the {@link Analyzer} applies the rules to those, in
 * order. Raw job logs (they start with a timestamp) are prefiltered; other text (a copy from the web page, plain
 * BuildKit output) is small, and every line of it reaches the rules. With more than one thread, chunks are
 * prefiltered in parallel and their results consumed in order.
 */
public final class LogScanner implements LogDetector {

    static final int CHUNK = 1 << 20;
    static final int MAX_LINE_BYTES = 16 * 1024;
    /** A NUL in the first bytes means binary data, as grep and git decide it. */
    private static final int BINARY_PROBE_BYTES = 8 * 1024;

    private final int threads;
    private final boolean everyLine;
    private final int chunkSize;

    /** One thread: for the server, which scans several logs at once. */
    public LogScanner() {
        this(1, false);
    }

    /** @param threads how many chunks to prefilter at once; the CLI gives one per core */
    public LogScanner(int threads) {
        this(threads, false);
    }

    /** @param everyLine hand every line to the rules: the slow reference the prefilter is tested against */
    LogScanner(int threads, boolean everyLine) {
        this(threads, everyLine, CHUNK);
    }

    /** @param chunkSize bytes read at a time: small sizes let tests put chunk ends everywhere */
    LogScanner(int threads, boolean everyLine, int chunkSize) {
        this.threads = Math.max(1, threads);
        this.everyLine = everyLine;
        this.chunkSize = chunkSize;
    }

    @Override
    public Diagnosis scan(InputStream log) throws IOException {
        ChunkReader reader = new ChunkReader(log, chunkSize, MAX_LINE_BYTES, threads + 2);
        Chunk first = reader.next();
        if (first == null) {
            return new Diagnosis(new Analyzer(false).finish(), 0, 0);
        }
        rejectBinary(first);
        boolean pasted = !Prefilter.startsWithTimestamp(first);
        Analyzer analyzer = new Analyzer(pasted);
        boolean allLines = everyLine || pasted;
        long lines = threads == 1
                ? sequential(reader, first, allLines, analyzer)
                : parallel(reader, first, allLines, analyzer);
        return new Diagnosis(analyzer.finish(), lines, reader.bytes());
    }

    private long sequential(ChunkReader reader, Chunk first, boolean allLines, Analyzer analyzer) throws IOException {
        long lines = 0;
        for (Chunk chunk = first; chunk != null; chunk = reader.next()) {
            Prefilter.Result result = Prefilter.run(chunk, allLines, MAX_LINE_BYTES);
            reader.recycle(chunk.data());
            lines = feed(analyzer, result, lines);
        }
        return lines;
    }

    private long parallel(ChunkReader reader, Chunk first, boolean allLines, Analyzer analyzer) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "pipfix-scan");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<Prefilter.Result>> pending = new ArrayDeque<>();
        long lines = 0;
        try {
            for (Chunk chunk = first; chunk != null; chunk = reader.next()) {
                Chunk submitted = chunk;
                pending.add(pool.submit(() -> {
                    try {
                        return Prefilter.run(submitted, allLines, MAX_LINE_BYTES);
                    } finally {
                        reader.recycle(submitted.data());
                    }
                }));
                while (pending.size() > threads) {
                    lines = feed(analyzer, await(pending.removeFirst()), lines);
                }
            }
            while (!pending.isEmpty()) {
                lines = feed(analyzer, await(pending.removeFirst()), lines);
            }
            return lines;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long feed(Analyzer analyzer, Prefilter.Result result, long linesBefore)
            throws InterruptedIOException {
        // a task past its deadline is interrupted: a megabyte at a time, the scan stops with it
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("the scan was stopped: its task was interrupted");
        }
        for (int i = 0; i < result.kept(); i++) {
            analyzer.accept(linesBefore + result.lineIndexes()[i] + 1, result.lines()[i]);
        }
        return linesBefore + result.lineCount();
    }

    private static Prefilter.Result await(Future<Prefilter.Result> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while scanning the log");
        } catch (ExecutionException e) {
            throw new IOException("scanning the log failed", e.getCause());
        }
    }

    private static void rejectBinary(Chunk first) throws NotALogException {
        byte[] b = first.data();
        int probe = Math.min(first.length(), BINARY_PROBE_BYTES);
        for (int i = 0; i < probe; i++) {
            if (b[i] == 0) {
                String what = b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4
                        ? "a zip archive (a run's log archive is read as such only as a file of its own)"
                        : (b[0] == (byte) 0xFF || b[0] == (byte) 0xFE) && i < 4 ? "UTF-16 text" : "binary data";
                throw new NotALogException("not a text log: " + what + " (a NUL byte at offset " + i + ")");
            }
        }
    }
}
