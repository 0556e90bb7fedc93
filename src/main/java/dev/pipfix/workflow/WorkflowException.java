package dev.pipfix.workflow;

/** The workflow file cannot be read or patched; the message says why, for the comment and the CLI. */
public final class WorkflowException extends Exception {

    public WorkflowException(String message) {
        super(message);
    }
}
