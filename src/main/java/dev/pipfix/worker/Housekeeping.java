package dev.pipfix.worker;

import dev.pipfix.queue.Retention;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The periodic job: ask GitHub for deliveries pipfix missed, then prune what no longer needs remembering. */
public final class Housekeeping implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final CatchUp catchUp;
    private final Retention retention;
    private final Clock clock;

    public Housekeeping(CatchUp catchUp, Retention retention, Clock clock) {
        this.catchUp = catchUp;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void run() {
        catchUp.run();
        try {
            Retention.Pruned pruned = retention.prune(clock.instant());
            if (pruned.total() > 0) {
                LOG.info(
                        "pruned {} deliveries, {} queued runs, {} failed tasks and {} comment threads past retention",
                        pruned.deliveries(),
                        pruned.queuedRuns(),
                        pruned.failedTasks(),
                        pruned.commentThreads());
            }
        } catch (RuntimeException e) {
            LOG.warn("pruning could not run: {}", e.getMessage());
        }
    }
}
