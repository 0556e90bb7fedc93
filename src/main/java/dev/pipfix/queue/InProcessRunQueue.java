package dev.pipfix.queue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each failed run on a small pool of worker threads in this process. Work still queued when the process dies
 * is lost; the durable queue replaces this class behind {@link RunQueue}.
 */
public final class InProcessRunQueue implements RunQueue, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessRunQueue.class);

    private final ExecutorService workers;
    private final RunHandler handler;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InProcessRunQueue(int threads, RunHandler handler) {
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "pipfix-worker-" + counter.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        });
        this.handler = handler;
    }

    @Override
    public void submit(CompletedRun run) {
        inFlight.incrementAndGet();
        try {
            workers.execute(() -> handleLogged(run));
        } catch (RejectedExecutionException shuttingDown) {
            inFlight.decrementAndGet();
            LOG.error("delivery={} repo={} run={}: not processed, the server is shutting down",
                    run.deliveryId(), run.repository(), run.runId());
        }
    }

    private void handleLogged(CompletedRun run) {
        try {
            handler.handle(run);
        } catch (Exception e) {
            LOG.error("delivery={} repo={} run={} outcome=failed reason={}",
                    run.deliveryId(), run.repository(), run.runId(), e.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Runs accepted and not yet finished: queued plus running. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Lets queued runs finish, up to the wait given. */
    public void shutdown(Duration wait) throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{} run(s) still in progress after {}; stopping them", workers.shutdownNow().size(), wait);
        }
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(Duration.ofSeconds(30));
    }
}
