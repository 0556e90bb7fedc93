package dev.pipfix.queue;

/** What a delivery queues: a completed run to look at, or a {@code /pipfix apply} to carry out. */
public sealed interface Work permits CompletedRun, FixCommand {

    /** The task's id: one per run attempt whatever the deliveries about it, one per command comment. */
    String taskId();
}
