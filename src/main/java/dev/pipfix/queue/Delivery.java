package dev.pipfix.queue;

import java.time.Instant;

/**
 * A delivery the webhook accepted, as the intake stores it.
 *
 * @param run    the run it asks pipfix to look at; null for deliveries that only need recording (ping, events
 *               pipfix does not act on)
 * @param result what the delivery log says about a delivery without a run ("pong", "ignored"); a delivery with a
 *               run is recorded as "queued" or "duplicate", as the intake finds
 */
public record Delivery(String id, String event, Instant receivedAt, CompletedRun run, String result) {

    public static Delivery ofRun(String id, String event, Instant receivedAt, CompletedRun run) {
        return new Delivery(id, event, receivedAt, run, null);
    }

    public static Delivery recordOnly(String id, String event, Instant receivedAt, String result) {
        return new Delivery(id, event, receivedAt, null, result);
    }
}
