package dev.pipfix.queue;

import java.time.Instant;

/**
 * A delivery the webhook accepted, as the intake stores it.
 *
 * @param work   the run it asks pipfix to look at, or the command it asks pipfix to carry out; null for deliveries
 *               that only need recording (ping, events pipfix does not act on)
 * @param result what the delivery log says of it: pong or ignored for a delivery without work; a delivery with work
 *               asks to be queued, and is recorded as queued or duplicate, as the intake finds
 */
public record Delivery(String id, String event, Instant receivedAt, Work work, DeliveryResult result) {

    public static Delivery ofRun(String id, String event, Instant receivedAt, CompletedRun run) {
        return new Delivery(id, event, receivedAt, run, DeliveryResult.QUEUED);
    }

    public static Delivery ofCommand(String id, String event, Instant receivedAt, FixCommand command) {
        return new Delivery(id, event, receivedAt, command, DeliveryResult.QUEUED);
    }

    public static Delivery recordOnly(String id, String event, Instant receivedAt, DeliveryResult result) {
        return new Delivery(id, event, receivedAt, null, result);
    }
}
