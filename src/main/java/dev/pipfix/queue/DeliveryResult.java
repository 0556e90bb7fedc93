package dev.pipfix.queue;

import dev.pipfix.id.StableId;
import java.util.Arrays;
import java.util.Optional;

/**
 * What became of a delivery at the webhook: the {@code result} of its JSON answer, of its log line and metric, and
 * of its row in the delivery log. The {@link #id()}s never change: the database keeps them.
 */
public enum DeliveryResult implements StableId {
    /** Its run is stored in the queue. */
    QUEUED,
    /** Seen before, or about a run already queued: nothing more is done. */
    DUPLICATE,
    /** Recorded; not an event, an action or a conclusion pipfix acts on. */
    IGNORED,
    /** GitHub's ping: the webhook works. */
    PONG,
    /** Refused (unauthenticated, malformed, too large, not set up, not stored): never in the delivery log. */
    REJECTED;

    /** The result a delivery log row holds, read back. */
    public static Optional<DeliveryResult> ofId(String id) {
        return Arrays.stream(values()).filter(result -> result.id().equals(id)).findFirst();
    }
}
