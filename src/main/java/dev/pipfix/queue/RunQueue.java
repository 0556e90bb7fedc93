package dev.pipfix.queue;

/** Where the webhook puts accepted work. Submitting never waits for GitHub. */
public interface RunQueue {

    /**
     * Queues the run once: a run already queued (another delivery about the same attempt) is not queued again.
     *
     * @return false when the same run was already queued
     * @throws QueueUnavailableException when the work could not be stored
     */
    boolean submit(CompletedRun run);
}
