package dev.pipfix.web;

import dev.pipfix.queue.CompletedRun;
import dev.pipfix.queue.DeliveryResult;

/**
 * The answer to one delivery: its status and a short reason GitHub shows under "Recent Deliveries", and for the log
 * line the run it was about, when it named one.
 */
record WebhookReply(int status, DeliveryResult result, String reason, String repository, Long runId) {

    WebhookReply(int status, DeliveryResult result, String reason) {
        this(status, result, reason, null, null);
    }

    static WebhookReply rejected(int status, String reason) {
        return new WebhookReply(status, DeliveryResult.REJECTED, reason);
    }

    static WebhookReply ignored(String reason) {
        return new WebhookReply(202, DeliveryResult.IGNORED, reason);
    }

    static WebhookReply duplicate(String reason) {
        return new WebhookReply(202, DeliveryResult.DUPLICATE, reason);
    }

    static WebhookReply queued(String reason) {
        return new WebhookReply(202, DeliveryResult.QUEUED, reason);
    }

    WebhookReply about(CompletedRun run) {
        return run == null ? this : new WebhookReply(status, result, reason, run.repository(), run.runId());
    }
}
