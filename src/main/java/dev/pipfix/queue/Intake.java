package dev.pipfix.queue;

/** Where the webhook puts an accepted delivery before it answers. Storing never waits for GitHub. */
public interface Intake {

    /**
     * Records the delivery and queues its run, once each: a delivery seen before does nothing, and a run already
     * queued by another delivery is not queued again. Durable when it returns.
     *
     * @throws QueueUnavailableException when the delivery could not be stored
     */
    Admission admit(Delivery delivery);
}
