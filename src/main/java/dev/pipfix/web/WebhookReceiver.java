package dev.pipfix.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.queue.CompletedRun;
import dev.pipfix.queue.DeliveryLog;
import dev.pipfix.queue.QueueUnavailableException;
import dev.pipfix.queue.RunQueue;
import java.io.IOException;
import java.time.Clock;

/**
 * Decides what a delivery gets: authenticated first, then checked, then routed. Knows nothing of HTTP beyond
 * status codes; the route hands it the headers and the raw body.
 */
public final class WebhookReceiver {

    private final WebhookSignature signature;
    private final RunQueue queue;
    private final DeliveryLog deliveries;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    /** @param signature null only when unsigned deliveries are explicitly allowed (development) */
    public WebhookReceiver(WebhookSignature signature, RunQueue queue, DeliveryLog deliveries, Clock clock) {
        this.signature = signature;
        this.queue = queue;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    WebhookReply receive(String event, String deliveryId, String signatureHeader, byte[] body) {
        if (signature != null) {
            if (signatureHeader == null || signatureHeader.isBlank()) {
                return WebhookReply.rejected(401, "X-Hub-Signature-256 is missing; set the App's webhook secret");
            }
            if (!signature.matches(body, signatureHeader)) {
                return WebhookReply.rejected(401, "X-Hub-Signature-256 does not match the body and WEBHOOK_SECRET");
            }
        }
        if (event == null || event.isBlank()) {
            return WebhookReply.rejected(400, "X-GitHub-Event is missing");
        }
        if (deliveryId == null || deliveryId.isBlank()) {
            return WebhookReply.rejected(400, "X-GitHub-Delivery is missing");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JsonProcessingException e) {
            return WebhookReply.rejected(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return WebhookReply.rejected(400, "the body cannot be read: " + e.getMessage());
        }
        if (payload == null || !payload.isObject()) {
            return WebhookReply.rejected(400, "the body is not a JSON object");
        }
        try {
            if (deliveries.seen(deliveryId)) {
                return WebhookReply.duplicate("delivery " + deliveryId + " was received before");
            }
            WebhookReply reply = route(event, deliveryId, payload);
            // recorded after the work is stored: a crash in between is healed by the redelivery
            deliveries.record(deliveryId, event, reply.result(), clock.instant());
            return reply;
        } catch (MalformedPayloadException e) {
            return WebhookReply.rejected(400, e.getMessage());
        } catch (QueueUnavailableException e) {
            return WebhookReply.rejected(503, "the delivery could not be stored (" + e.getMessage()
                    + "); GitHub marks it failed, and it can be redelivered");
        }
    }

    private WebhookReply route(String event, String deliveryId, JsonNode payload) throws MalformedPayloadException {
        switch (event) {
            case "ping" -> {
                if (!payload.has("zen") && !payload.has("hook_id")) {
                    throw new MalformedPayloadException("not a ping payload: zen and hook_id are missing");
                }
                return new WebhookReply(200, "pong", "pipfix is listening");
            }
            case "workflow_run" -> {
                return workflowRun(deliveryId, new WorkflowRunPayload(payload));
            }
            default -> {
                return WebhookReply.ignored("event '" + event + "' is not one pipfix acts on");
            }
        }
    }

    private WebhookReply workflowRun(String deliveryId, WorkflowRunPayload payload) throws MalformedPayloadException {
        if (!"completed".equals(payload.action())) {
            return WebhookReply.ignored("action '" + payload.action() + "': only completed runs are read");
        }
        boolean failed = WorkflowRunPayload.FAILING_CONCLUSIONS.contains(payload.conclusion());
        if (!failed && !"success".equals(payload.conclusion())) {
            return WebhookReply.ignored("conclusion '" + payload.conclusion() + "': only failed runs are read, and"
                    + " successful ones resolve earlier comments");
        }
        CompletedRun run = payload.toCompletedRun(deliveryId);
        if (!queue.submit(run)) {
            return WebhookReply.duplicate("run " + run.runId() + " attempt " + run.runAttempt()
                    + " is already queued by another delivery");
        }
        return WebhookReply.queued("run " + run.runId() + " attempt " + run.runAttempt() + " of " + run.repository()
                + (failed ? " queued" : " queued to resolve an earlier comment, if any"));
    }
}
