package dev.pipfix.web;

import java.time.Duration;
import java.util.Optional;

/**
 * How many bytes of large request bodies are being read at once. Reading a body holds only buffers (see
 * {@link DeliveryBody}), but each large one holds a thread and a core for as long as it streams in; the budget keeps a
 * flood of them, from anyone, from taking every thread while deliveries of the usual size (about 20 KB) pass freely.
 */
final class BodyBudget {

    /** Bodies up to this size are not counted: GitHub's deliveries are almost all far smaller. */
    static final long SMALL_BODY_BYTES = 1024 * 1024;

    private final long maxBytes;
    private final long unknownLengthBytes;
    private long inFlight;

    /**
     * @param maxBytes           how many bytes of large bodies may be in flight together
     * @param unknownLengthBytes what a body without {@code Content-Length} (chunked) is counted as: the most it may be
     */
    BodyBudget(long maxBytes, long unknownLengthBytes) {
        this.maxBytes = maxBytes;
        this.unknownLengthBytes = unknownLengthBytes;
    }

    /**
     * A share for a body of {@code declaredLength} bytes (-1 when unknown), waiting up to {@code patience} for one to
     * be given back; none when the budget stays spent. A body larger than the whole budget waits for all of it.
     */
    synchronized Optional<Lease> reserve(long declaredLength, Duration patience) throws InterruptedException {
        long bytes = Math.min(declaredLength < 0 ? unknownLengthBytes : declaredLength, maxBytes);
        if (bytes <= SMALL_BODY_BYTES) {
            return Optional.of(() -> {});
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (inFlight + bytes > maxBytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        inFlight += bytes;
        return Optional.of(new Share(bytes));
    }

    synchronized long inFlight() {
        return inFlight;
    }

    private synchronized void release(long bytes) {
        inFlight -= bytes;
        notifyAll();
    }

    /** Held while the body is read; closing it gives the bytes back. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private final class Share implements Lease {

        private final long bytes;
        private boolean released;

        Share(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(bytes);
            }
        }
    }
}
