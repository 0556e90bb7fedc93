package dev.pipfix.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplyGrantsTest {

    @Test
    void the_default_read_only_app_lacks_both_write_permissions_and_the_event() {
        ApplyGrants grants = new ApplyGrants(
                Map.of("actions", "read", "contents", "read", "metadata", "read", "pull_requests", "write"),
                Set.of("workflow_run"));

        assertThat(grants.takeApplyCommand()).isFalse();
        assertThat(grants.missing()).containsExactly("contents: write", "workflows: write", "the issue_comment event");
    }

    @Test
    void write_or_admin_access_and_the_event_take_the_command() {
        ApplyGrants grants = new ApplyGrants(
                Map.of("contents", "write", "workflows", "admin"), Set.of("workflow_run", "issue_comment"));

        assertThat(grants.takeApplyCommand()).isTrue();
        assertThat(grants.missing()).isEmpty();
    }

    @Test
    void permissions_without_the_event_never_receive_a_command() {
        ApplyGrants grants = new ApplyGrants(Map.of("contents", "write", "workflows", "write"), Set.of("workflow_run"));

        assertThat(grants.missing()).containsExactly("the issue_comment event");
    }
}
