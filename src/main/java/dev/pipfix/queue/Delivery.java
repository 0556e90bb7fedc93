package dev.pipfix.queue;

import java.time.Instant;

/**
 * A delivery the webhook accepted, as the intake stores it.
 *
 * @param run    the run it asks pipfix to look at; null for deliveries that only need recording (ping, events
 *               pipfix does not act on)
 * @param result what the delivery log says of it: pong or ignored for a delivery without a run; a delivery with a
 *               run asks to be queued, and is recorded as queued or duplicate, as the intake finds
 */
public record Delivery(String id, String event, Instant receivedAt, CompletedRun run, DeliveryResult result) {

    public static Delivery ofRun(String id, String event, Instant receivedAt, CompletedRun run) {
        return new Delivery(id, event, receivedAt, run, DeliveryResult.QUEUED);
    }

    public static Delivery recordOnly(String id, String event, Instant receivedAt, DeliveryResult result) {
        return new Delivery(id, event, receivedAt, null, result);
    }
}
