package dev.pipfix.queue;

/** Where the webhook puts accepted work. Submitting never waits for GitHub. */
public interface RunQueue {

    void submit(CompletedRun run);
}
