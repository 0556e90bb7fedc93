package dev.pipfix.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading a body once as it streams in: the HMAC over every byte, a bounded part of the JSON kept. */
class DeliveryBodyTest {

    private static final WebhookSignature SIGNATURE = new WebhookSignature("It's a Secret to Everybody");

    @Test
    void the_hmac_covers_every_byte_including_those_after_the_json() throws Exception {
        byte[] body = "{\"zen\": \"Keep it logically awesome.\"}\n\n   trailing".getBytes(StandardCharsets.UTF_8);

        DeliveryBody.Read read = read(body, FieldFilter.of("zen"));

        assertThat(SIGNATURE.hmacMatches(read.hmac().orElseThrow(), SIGNATURE.sign(body)))
                .isTrue();
        assertThat(read.json())
                .isInstanceOfSatisfying(
                        DeliveryBody.Payload.class,
                        payload -> assertThat(payload.root().path("zen").asText())
                                .isEqualTo("Keep it logically awesome."));
    }

    /** Bodies that are not JSON pipfix reads: a form, and bytes that make Jackson guess an encoding it refuses. */
    static List<byte[]> notJson() {
        return List.of(
                "action=completed&workflow_run=1".getBytes(StandardCharsets.UTF_8),
                // found by the fuzz test: Jackson guesses UCS-4 in an order it does not read
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0, '{', '}', ' ', ' '});
    }

    @ParameterizedTest
    @MethodSource("notJson")
    void a_body_that_is_not_json_is_still_read_to_its_end_for_the_hmac(byte[] body) throws Exception {
        DeliveryBody.Read read = read(body, WorkflowRunPayload.FIELDS);

        assertThat(read.json())
                .isInstanceOfSatisfying(
                        DeliveryBody.NotJson.class,
                        notJson -> assertThat(notJson.reason()).startsWith("the body is not JSON"));
        assertThat(SIGNATURE.hmacMatches(read.hmac().orElseThrow(), SIGNATURE.sign(body)))
                .isTrue();
    }

    @Test
    void an_event_whose_fields_are_not_read_keeps_an_empty_object() throws Exception {
        DeliveryBody.Read read =
                read(Fixtures.payload("workflow_run-completed-failure-same-repo.json"), FieldFilter.of());

        assertThat(read.json())
                .isInstanceOfSatisfying(
                        DeliveryBody.Payload.class,
                        payload -> assertThat(payload.root().size()).isZero());
        assertThat(read(new byte[0], FieldFilter.of()).json()).isInstanceOf(DeliveryBody.NotJson.class);
        assertThat(read("[{}]".getBytes(StandardCharsets.UTF_8), FieldFilter.of())
                        .json())
                .isInstanceOf(DeliveryBody.NotJson.class);
    }

    @Test
    void an_object_where_a_scalar_is_read_is_skipped_not_kept() throws Exception {
        // given a body that puts a large structure where pipfix reads a string
        StringBuilder json = new StringBuilder("{\"action\": [");
        for (int i = 0; i < 50_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"x\": ").append(i).append('}');
        }
        json.append("], \"workflow_run\": {\"id\": 7}}");

        DeliveryBody.Read read = read(json.toString().getBytes(StandardCharsets.UTF_8), WorkflowRunPayload.FIELDS);

        assertThat(read.json()).isInstanceOfSatisfying(DeliveryBody.Payload.class, payload -> {
            assertThat(payload.root().has("action")).isFalse();
            assertThat(payload.root().path("workflow_run").path("id").asLong()).isEqualTo(7);
        });
    }

    @Test
    void an_array_keeps_its_first_hundred_elements() throws Exception {
        StringBuilder json = new StringBuilder("{\"workflow_run\": {\"pull_requests\": [");
        for (int i = 0; i < 100_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"number\": ").append(i).append('}');
        }
        json.append("]}}");

        DeliveryBody.Read read = read(json.toString().getBytes(StandardCharsets.UTF_8), WorkflowRunPayload.FIELDS);

        assertThat(read.json())
                .isInstanceOfSatisfying(
                        DeliveryBody.Payload.class,
                        payload -> assertThat(payload.root()
                                        .path("workflow_run")
                                        .path("pull_requests")
                                        .size())
                                .isEqualTo(FieldFilter.MAX_ELEMENTS));
    }

    @Test
    void a_kept_string_longer_than_github_writes_is_refused_while_a_skipped_one_costs_nothing() throws Exception {
        String huge = "x".repeat(2 * 1024 * 1024);

        DeliveryBody.Read kept =
                read(("{\"action\": \"" + huge + "\"}").getBytes(StandardCharsets.UTF_8), WorkflowRunPayload.FIELDS);
        DeliveryBody.Read skipped = read(
                ("{\"head_commit\": {\"message\": \"" + huge + "\"}, \"action\": \"completed\", \"workflow_run\": {}}")
                        .getBytes(StandardCharsets.UTF_8),
                WorkflowRunPayload.FIELDS);

        assertThat(kept.json())
                .isInstanceOfSatisfying(
                        DeliveryBody.NotJson.class,
                        notJson -> assertThat(notJson.reason()).contains("String value length"));
        assertThat(skipped.json())
                .isInstanceOfSatisfying(
                        DeliveryBody.Payload.class,
                        payload -> assertThat(payload.root().path("action").asText())
                                .isEqualTo("completed"));
    }

    @Test
    void a_body_past_the_cap_stops_being_read() throws Exception {
        CountingStream body = new CountingStream(new byte[4096]);

        DeliveryBody.Read read = DeliveryBody.read(body, Optional.of(SIGNATURE.newMac()), 1000, FieldFilter.of());

        assertThat(read.overCap()).isTrue();
        assertThat(body.served).isLessThan(4096);
        assertThat(DeliveryBody.discard(new ByteArrayInputStream(new byte[1001]), 1000))
                .isTrue();
        assertThat(DeliveryBody.discard(new ByteArrayInputStream(new byte[1000]), 1000))
                .isFalse();
    }

    private static DeliveryBody.Read read(byte[] body, FieldFilter filter) throws IOException {
        return DeliveryBody.read(
                new ByteArrayInputStream(body), Optional.of(SIGNATURE.newMac()), 25 * 1024 * 1024, filter);
    }

    /** Serves its bytes in small reads, and counts how many it served. */
    private static final class CountingStream extends InputStream {
        private final byte[] bytes;
        private int served;

        CountingStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return served < bytes.length ? bytes[served++] : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (served >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 256), bytes.length - served);
            System.arraycopy(bytes, served, buffer, offset, n);
            served += n;
            return n;
        }
    }
}
