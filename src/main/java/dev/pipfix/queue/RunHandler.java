package dev.pipfix.queue;

/** Does the work of one completed run. */
public interface RunHandler {
    RunResult handle(CompletedRun run) throws Exception;
}
