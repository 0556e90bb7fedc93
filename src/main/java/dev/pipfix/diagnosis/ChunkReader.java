package dev.pipfix.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Cuts a stream into {@link Chunk}s that end at line ends, reusing a fixed set of buffers: memory stays bounded
 * whatever the size of the log or of its lines.
 */
final class ChunkReader {

    private final InputStream in;
    private final int chunkSize;
    private final int maxLineBytes;
    private final BlockingQueue<byte[]> free;
    private final byte[] carry;
    private int carryLength;
    private boolean skippingGiantTail;
    private boolean eof;
    private long bytes;

    ChunkReader(InputStream in, int chunkSize, int maxLineBytes, int buffers) {
        this.in = in;
        this.chunkSize = chunkSize;
        this.maxLineBytes = maxLineBytes;
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[chunkSize + maxLineBytes]);
        }
        this.carry = new byte[chunkSize + maxLineBytes];
    }

    /** The next chunk, or null at the end of the log. Blocks until a buffer is given back. */
    Chunk next() throws IOException {
        byte[] buffer = take();
        int filled = carryLength;
        System.arraycopy(carry, 0, buffer, 0, carryLength);
        carryLength = 0;
        while (true) {
            filled = fill(buffer, filled);
            if (skippingGiantTail) {
                int newline = indexOfNewline(buffer, 0, filled);
                if (newline < 0) {
                    filled = 0;
                    if (eof) {
                        skippingGiantTail = false;
                        recycle(buffer);
                        return null;
                    }
                    continue;
                }
                skippingGiantTail = false;
                System.arraycopy(buffer, newline + 1, buffer, 0, filled - newline - 1);
                filled -= newline + 1;
                continue;
            }
            if (filled == 0) {
                recycle(buffer);
                return null;
            }
            int last = lastIndexOfNewline(buffer, filled);
            if (last >= 0) {
                carryLength = filled - last - 1;
                System.arraycopy(buffer, last + 1, carry, 0, carryLength);
                return new Chunk(buffer, last + 1, false);
            }
            if (eof) {
                return new Chunk(buffer, filled, false);
            }
            skippingGiantTail = true;
            return new Chunk(buffer, maxLineBytes, true);
        }
    }

    void recycle(byte[] buffer) {
        free.add(buffer);
    }

    long bytes() {
        return bytes;
    }

    private int fill(byte[] buffer, int filled) throws IOException {
        if (eof) {
            return filled;
        }
        int read = in.readNBytes(buffer, filled, chunkSize + maxLineBytes - filled);
        bytes += read;
        if (filled + read < buffer.length) {
            eof = true;
        }
        return filled + read;
    }

    private byte[] take() throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the log");
        }
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOfNewline(byte[] b, int to) {
        for (int i = to - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
