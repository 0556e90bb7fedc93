package dev.pipfix.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery saved for {@code replay}, in any of the forms people have one in: the bare payload; GitHub's REST answer
 * for one delivery ({@code GET /app/hook/deliveries/{id}}, with {@code request.headers} and {@code request.payload});
 * or the "Recent Deliveries" page copied as text, headers ({@code Name: value}) then a blank line then the payload.
 *
 * @param event      {@code X-GitHub-Event} as saved; null when the form does not carry it
 * @param deliveryId {@code X-GitHub-Delivery} as saved; null when the form does not carry it
 */
record SavedDelivery(String event, String deliveryId, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLANK_LINE = Pattern.compile("\\R[ \\t]*\\R");

    /** @throws IllegalArgumentException when the text holds no JSON payload */
    static SavedDelivery parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            JsonNode root = json(trimmed, "the file");
            JsonNode request = root.path("request");
            if (request.path("headers").isObject() && request.has("payload")) {
                Map<String, String> headers = new LinkedHashMap<>();
                request.get("headers")
                        .fields()
                        .forEachRemaining(header -> headers.put(
                                header.getKey().toLowerCase(Locale.ROOT),
                                header.getValue().asText()));
                return new SavedDelivery(
                        headers.getOrDefault(
                                "x-github-event", root.path("event").asText(null)),
                        headers.getOrDefault(
                                "x-github-delivery", root.path("guid").asText(null)),
                        write(request.get("payload")));
            }
            // the payload itself: sent byte for byte as saved
            return new SavedDelivery(null, null, trimmed.getBytes(StandardCharsets.UTF_8));
        }
        int blank = blankLine(trimmed);
        if (blank < 0) {
            throw new IllegalArgumentException("no JSON payload: give the payload, GitHub's delivery JSON, or the"
                    + " headers and payload copied from Recent Deliveries");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : trimmed.substring(0, blank).split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        String payload = trimmed.substring(blank).strip();
        json(payload, "the payload after the headers");
        return new SavedDelivery(
                headers.get("x-github-event"),
                headers.get("x-github-delivery"),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private static int blankLine(String text) {
        Matcher matcher = BLANK_LINE.matcher(text);
        return matcher.find() ? matcher.end() : -1;
    }

    private static JsonNode json(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static byte[] write(JsonNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the payload cannot be written back as JSON", e);
        }
    }
}
