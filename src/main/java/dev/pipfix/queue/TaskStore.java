package dev.pipfix.queue;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Instant;
import java.util.List;

/** Stores a run's (or a command's) task through db-scheduler's own client, on whatever connection it is given. */
final class TaskStore {

    private final SchedulerClient client;
    private final OneTimeTask<CompletedRun> runs;
    private final OneTimeTask<FixCommand> commands;

    TaskStore(SchedulerClient client, OneTimeTask<CompletedRun> runs, OneTimeTask<FixCommand> commands) {
        this.client = client;
        this.runs = runs;
        this.commands = commands;
    }

    /**
     * Stores the tasks of work known to be new in one batched statement; fails, for the caller to roll back, if one
     * is there already.
     */
    void scheduleAll(List<Work> work, Instant at) {
        if (!work.isEmpty()) {
            client.scheduleBatch(work.stream().map(this::instance).toList(), at);
        }
    }

    /** @return false when the task was there already */
    boolean scheduleIfAbsent(Work work, Instant at) {
        return client.scheduleIfNotExists(instance(work), at);
    }

    private TaskInstance<?> instance(Work work) {
        if (work instanceof CompletedRun run) {
            return runs.instance(run.taskId(), run);
        }
        FixCommand command = (FixCommand) work;
        return commands.instance(command.taskId(), command);
    }
}
