package dev.pipfix.queue;

/** The database could not take the work; the delivery must be answered as failed so that it can be redelivered. */
public final class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
