package dev.pipfix.queue;

/** Does the work of one failed run. */
public interface RunHandler {

    void handle(CompletedRun run) throws Exception;
}
