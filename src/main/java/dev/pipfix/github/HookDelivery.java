package dev.pipfix.github;

import java.time.Instant;

/**
 * One attempt to deliver a webhook, as {@code GET /app/hook/deliveries} lists it.
 *
 * @param guid the {@code X-GitHub-Delivery} id, the same for every attempt at one delivery
 */
public record HookDelivery(
        long id, String guid, Instant deliveredAt, boolean redelivery, int statusCode, String event) {

    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }
}
