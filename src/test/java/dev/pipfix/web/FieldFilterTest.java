package dev.pipfix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldFilterTest {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "workflow_run-completed-failure-fork.json",
                "workflow_run-completed-failure-push-no-pr.json",
                "workflow_run-completed-failure-repository-webhook.json",
                "workflow_run-completed-failure-same-repo-attempt-2.json",
                "workflow_run-completed-failure-same-repo.json",
                "workflow_run-completed-success-same-repo.json",
                "workflow_run-completed-timed_out-same-repo.json"
            })
    void the_filtered_payload_reads_the_same_run_as_the_whole_payload(String fixture) throws Exception {
        // given a real delivery
        byte[] body = Fixtures.payload(fixture);

        // when it is read whole and through the filter
        JsonNode whole = json.readTree(body);
        JsonNode filtered = filtered(body);

        // then the filter kept a small part of it, and the run read from either is the same
        assertThat(json.writeValueAsBytes(filtered).length).isLessThan(body.length / 5);
        assertThat(new WorkflowRunPayload(filtered).toCompletedRun("d-1"))
                .isEqualTo(new WorkflowRunPayload(whole).toCompletedRun("d-1"));
        assertThat(new WorkflowRunPayload(filtered).action()).isEqualTo(new WorkflowRunPayload(whole).action());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"workflow_run\": {\"id\": 1, \"logs_url\": \"x\"", "[1, 2", "{\"a\": \"\\x\"}"})
    void a_body_broken_in_a_part_the_filter_skips_is_still_refused(String body) {
        assertThatThrownBy(() -> filtered(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void an_object_on_a_kept_path_stays_an_object_when_none_of_its_fields_is_kept() throws Exception {
        JsonNode filtered =
                filtered("{\"workflow_run\": {\"logs_url\": \"x\"}, \"sender\": {}}".getBytes(StandardCharsets.UTF_8));

        assertThat(filtered.path("workflow_run").isObject()).isTrue();
        assertThat(filtered.has("sender")).isFalse();
    }

    private JsonNode filtered(byte[] body) throws Exception {
        return json.readTree(new FilteringParserDelegate(
                json.createParser(body), WorkflowRunPayload.FIELDS, TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true));
    }
}
