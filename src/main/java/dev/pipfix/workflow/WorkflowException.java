package dev.pipfix.workflow;

import dev.pipfix.text.Message;

/** The workflow file cannot be read or patched; the message says why, for the comment and the CLI. */
public final class WorkflowException extends Exception {

    private final transient Message why;

    public WorkflowException(Message why) {
        super(why.plain());
        this.why = why;
    }

    /** Why, with the values the file gave kept apart from pipfix's words. */
    public Message why() {
        return why;
    }
}
