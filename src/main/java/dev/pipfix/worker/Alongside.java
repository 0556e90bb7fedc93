package dev.pipfix.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a GitHub call alongside the worker's own, for calls that do not depend on each other (the settings file and
 * the jobs list): a run then waits for the slower of the two instead of their sum. Its threads only wait on the
 * network; there are as many as the queue has workers.
 */
public final class Alongside implements AutoCloseable {

    private final ExecutorService threads;

    public Alongside(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "pipfix-alongside-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newFixedThreadPool(threads, factory);
    }

    @FunctionalInterface
    public interface Call<T> {
        T call() throws IOException;
    }

    public <T> CompletableFuture<T> call(Call<T> call) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return call.call();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                threads);
    }

    /** The call's result, or the IOException it threw, as if it had been made on this thread. */
    public static <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IOException("interrupted while waiting for GitHub", e);
        } catch (CancellationException e) {
            throw new IOException("the call was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
