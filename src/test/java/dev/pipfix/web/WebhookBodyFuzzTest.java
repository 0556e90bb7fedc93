package dev.pipfix.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipfix.testing.Hostile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Whatever body reaches {@code POST /webhook}, signed or not, it is read within the bound into a payload pipfix
 * routes or a malformed-payload answer: never another exception.
 */
class WebhookBodyFuzzTest {

    private static final List<String> FRAGMENTS = List.of(
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\"action\"",
            "\"completed\"",
            "\"workflow_run\"",
            "\"id\"",
            "\"conclusion\"",
            "\"failure\"",
            "\"repository\"",
            "\"full_name\"",
            "\"owner/repo\"",
            "\"pull_requests\"",
            "\"head_sha\"",
            "\"installation\"",
            "\"comment\"",
            "\"body\"",
            "\"/pipfix apply\"",
            "\"issue\"",
            "\"number\"",
            "42",
            "-1",
            "1e999",
            "null",
            "true",
            "\\u0000",
            "\\\"",
            " ",
            "\n");

    @FuzzTest(maxDuration = "15s")
    void any_body_is_read_within_the_bound_into_a_payload_or_a_clear_refusal(FuzzedDataProvider data) throws Throwable {
        byte[] bytes = Hostile.textOf(data, FRAGMENTS).getBytes(StandardCharsets.UTF_8);
        String outcome = Hostile.within(() -> {
            DeliveryBody.Read read = DeliveryBody.read(
                    new ByteArrayInputStream(bytes),
                    Optional.empty(),
                    WebApp.MAX_BODY_BYTES,
                    WorkflowRunPayload.FIELDS);
            if (!(read.json() instanceof DeliveryBody.Payload payload)) {
                return "not json";
            }
            try {
                WorkflowRunPayload run = new WorkflowRunPayload(payload.root());
                run.action();
                run.toCompletedRun("d-1");
                return "run";
            } catch (MalformedPayloadException e) {
                return "malformed";
            }
        });
        assertThat(outcome).isIn("not json", "run", "malformed");
    }
}
