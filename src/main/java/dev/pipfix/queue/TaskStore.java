package dev.pipfix.queue;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Instant;
import java.util.List;

/** Stores a run's task through db-scheduler's own client, on whatever connection the client is given. */
final class TaskStore {

    private final SchedulerClient client;
    private final OneTimeTask<CompletedRun> task;

    TaskStore(SchedulerClient client, OneTimeTask<CompletedRun> task) {
        this.client = client;
        this.task = task;
    }

    /**
     * Stores the tasks of runs known to be new in one batched statement; fails, for the caller to roll back, if one
     * is there already.
     */
    void scheduleAll(List<CompletedRun> runs, Instant at) {
        if (!runs.isEmpty()) {
            client.scheduleBatch(
                    runs.stream()
                            .<TaskInstance<?>>map(run -> task.instance(DurableRunQueue.id(run), run))
                            .toList(),
                    at);
        }
    }

    /** @return false when the run's task was there already */
    boolean scheduleIfAbsent(CompletedRun run, Instant at) {
        return client.scheduleIfNotExists(task.instance(DurableRunQueue.id(run), run), at);
    }
}
