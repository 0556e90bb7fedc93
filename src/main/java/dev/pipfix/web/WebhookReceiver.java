package dev.pipfix.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipfix.queue.Admission;
import dev.pipfix.queue.CompletedRun;
import dev.pipfix.queue.Delivery;
import dev.pipfix.queue.DeliveryResult;
import dev.pipfix.queue.FixCommand;
import dev.pipfix.queue.Intake;
import dev.pipfix.queue.QueueUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

/**
 * Decides what a delivery gets: authenticated first, then checked, then routed. Knows nothing of HTTP beyond
 * status codes; the route hands it the headers and the body's stream.
 */
public final class WebhookReceiver {

    private static final int MAX_HEADER_CHARS = 100;
    private static final FieldFilter PING_FIELDS = FieldFilter.of("zen", "hook_id");
    /** Events pipfix only records: the body must be a JSON object, and nothing in it is read. */
    private static final FieldFilter NO_FIELDS = FieldFilter.of();

    private final WebhookSignature signature;
    private final Intake intake;
    private final Clock clock;

    /** @param signature null only when unsigned deliveries are explicitly allowed (development) */
    public WebhookReceiver(WebhookSignature signature, Intake intake, Clock clock) {
        this.signature = signature;
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * Reads the body to its end as it streams in, then answers: unauthenticated first (401), then malformed (400),
     * then what was stored. The caller has checked the declared length and the budget for bodies in flight.
     *
     * @throws IOException when the sender's stream breaks off
     */
    WebhookReply receive(String event, String deliveryId, String signatureHeader, InputStream body) throws IOException {
        if (signature != null && WebhookSignature.parse(signatureHeader).isEmpty()) {
            // nothing this body says can be believed: read it to the end (so the sender gets its answer), keep nothing
            if (DeliveryBody.discard(body, WebApp.MAX_BODY_BYTES)) {
                return tooLarge();
            }
            return WebhookReply.rejected(
                    401,
                    signatureHeader == null || signatureHeader.isBlank()
                            ? "X-Hub-Signature-256 is missing; set the App's webhook secret"
                            : "X-Hub-Signature-256 is not sha256= and 64 hex digits");
        }
        DeliveryBody.Read read = DeliveryBody.read(
                body,
                Optional.ofNullable(signature).map(WebhookSignature::newMac),
                WebApp.MAX_BODY_BYTES,
                fieldsOf(event));
        if (read.overCap()) {
            return tooLarge();
        }
        if (signature != null && !signature.hmacMatches(read.hmac().orElseThrow(), signatureHeader)) {
            return WebhookReply.rejected(401, "X-Hub-Signature-256 does not match the body and WEBHOOK_SECRET");
        }
        if (event == null || event.isBlank()) {
            return WebhookReply.rejected(400, "X-GitHub-Event is missing");
        }
        if (deliveryId == null || deliveryId.isBlank()) {
            return WebhookReply.rejected(400, "X-GitHub-Delivery is missing");
        }
        // the delivery log's columns hold 100 characters; GitHub's ids are UUIDs and its event names short words
        if (deliveryId.length() > MAX_HEADER_CHARS || event.length() > MAX_HEADER_CHARS) {
            return WebhookReply.rejected(
                    400, "X-GitHub-Event or X-GitHub-Delivery is longer than " + MAX_HEADER_CHARS + " characters");
        }
        if (read.json() instanceof DeliveryBody.NotJson notJson) {
            return WebhookReply.rejected(400, notJson.reason());
        }
        JsonNode payload = ((DeliveryBody.Payload) read.json()).root();
        try {
            return admit(route(event, deliveryId, payload));
        } catch (MalformedPayloadException e) {
            return WebhookReply.rejected(400, e.getMessage());
        } catch (QueueUnavailableException e) {
            return WebhookReply.rejected(
                    503,
                    "the delivery could not be stored (" + e.getMessage()
                            + "); GitHub marks it failed, and it can be redelivered");
        }
    }

    static WebhookReply tooLarge() {
        return WebhookReply.rejected(
                413, "the body is over " + WebApp.MAX_BODY_BYTES + " bytes; GitHub never sends" + " more than 25 MB");
    }

    /** The fields each event's route reads; the parser skips the rest. */
    private static FieldFilter fieldsOf(String event) {
        if ("workflow_run".equals(event)) {
            return WorkflowRunPayload.FIELDS;
        }
        if ("issue_comment".equals(event)) {
            return IssueCommentPayload.FIELDS;
        }
        return "ping".equals(event) ? PING_FIELDS : NO_FIELDS;
    }

    /** What a delivery asks for before it is stored: a run to queue, or only a record and this reply. */
    private record Routed(Delivery delivery, WebhookReply reply) {}

    private WebhookReply admit(Routed routed) {
        Delivery delivery = routed.delivery();
        Admission admission = intake.admit(delivery);
        if (delivery.work() instanceof FixCommand command) {
            return switch (admission) {
                case DUPLICATE_DELIVERY -> WebhookReply.duplicate("delivery " + delivery.id() + " was received before");
                case RUN_ALREADY_QUEUED ->
                    WebhookReply.duplicate("comment " + command.commentId() + " is already queued");
                case RUN_QUEUED ->
                    WebhookReply.queued(
                            "/pipfix apply on " + command.repository() + "#" + command.pullRequest() + " queued");
                case RECORDED -> routed.reply();
            };
        }
        CompletedRun run = (CompletedRun) delivery.work();
        WebhookReply reply = switch (admission) {
            case DUPLICATE_DELIVERY -> WebhookReply.duplicate("delivery " + delivery.id() + " was received before");
            case RUN_ALREADY_QUEUED ->
                WebhookReply.duplicate("run " + run.runId() + " attempt " + run.runAttempt()
                        + " is already queued by another delivery");
            case RUN_QUEUED ->
                WebhookReply.queued("run " + run.runId() + " attempt " + run.runAttempt() + " of "
                        + run.repository()
                        + (run.succeeded() ? " queued to resolve an earlier comment, if any" : " queued"));
            case RECORDED -> routed.reply();
        };
        return reply.about(run);
    }

    private Routed route(String event, String deliveryId, JsonNode payload) throws MalformedPayloadException {
        switch (event) {
            case "ping" -> {
                if (!payload.has("zen") && !payload.has("hook_id")) {
                    throw new MalformedPayloadException("not a ping payload: zen and hook_id are missing");
                }
                return recordOnly(event, deliveryId, new WebhookReply(200, DeliveryResult.PONG, "pipfix is listening"));
            }
            case "workflow_run" -> {
                return workflowRun(event, deliveryId, new WorkflowRunPayload(payload));
            }
            case "issue_comment" -> {
                StringBuilder ignored = new StringBuilder();
                Optional<FixCommand> command = IssueCommentPayload.command(payload, deliveryId, ignored);
                return command.map(c -> new Routed(Delivery.ofCommand(deliveryId, event, clock.instant(), c), null))
                        .orElseGet(() -> recordOnly(event, deliveryId, WebhookReply.ignored(ignored.toString())));
            }
            default -> {
                return recordOnly(
                        event, deliveryId, WebhookReply.ignored("event '" + event + "' is not one pipfix acts on"));
            }
        }
    }

    private Routed recordOnly(String event, String deliveryId, WebhookReply reply) {
        return new Routed(Delivery.recordOnly(deliveryId, event, clock.instant(), reply.result()), reply);
    }

    private Routed workflowRun(String event, String deliveryId, WorkflowRunPayload payload)
            throws MalformedPayloadException {
        if (!"completed".equals(payload.action())) {
            return recordOnly(
                    event,
                    deliveryId,
                    WebhookReply.ignored("action '" + payload.action() + "': only completed runs are read"));
        }
        boolean failed = WorkflowRunPayload.FAILING_CONCLUSIONS.contains(payload.conclusion());
        if (!failed && !"success".equals(payload.conclusion())) {
            return recordOnly(
                    event,
                    deliveryId,
                    WebhookReply.ignored("conclusion '" + payload.conclusion()
                            + "': only failed runs are read, and successful ones resolve earlier comments"));
        }
        return new Routed(Delivery.ofRun(deliveryId, event, clock.instant(), payload.toCompletedRun(deliveryId)), null);
    }
}
