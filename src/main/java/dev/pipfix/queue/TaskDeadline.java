package dev.pipfix.queue;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every task under a deadline: the work runs on a thread of its own while the scheduler's worker waits for it, and
 * past the deadline it is interrupted (the log scanner and the GitHub calls stop on an interrupt) and the task fails
 * with that reason. A fork's run cannot hold one of the few workers for longer than this, whatever its input does.
 */
public final class TaskDeadline implements AutoCloseable {

    private final Duration limit;
    private final ExecutorService threads;

    public TaskDeadline(Duration limit) {
        this.limit = limit;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "pipfix-task-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The work's result, its own exception, or {@link ExceededException} past the deadline. */
    public <R> R run(Callable<R> work) throws Exception {
        Future<R> future = threads.submit(work);
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ExceededException(limit);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** The task ran past its deadline and was stopped. */
    public static final class ExceededException extends Exception {
        ExceededException(Duration limit) {
            super("the task ran past its deadline of " + describe(limit) + " and was stopped");
        }

        private static String describe(Duration limit) {
            return limit.toSeconds() >= 60 && limit.toSeconds() % 60 == 0
                    ? limit.toMinutes() + " min"
                    : limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
        }
    }
}
