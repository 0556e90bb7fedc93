package dev.pipfix.github;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Ends a stream after a number of bytes, and tells whether there was more. */
final class CappedInputStream extends FilterInputStream {

    private long remaining;
    private boolean truncated;

    CappedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.remaining = maxBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            if (!truncated && in.read() >= 0) {
                truncated = true;
            }
            return -1;
        }
        int read = in.read(b, off, (int) Math.min(len, remaining));
        if (read > 0) {
            remaining -= read;
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(Math.min(n, remaining));
    }

    /** True once a read at the cap found more bytes behind it. */
    boolean truncated() {
        return truncated;
    }
}
