package dev.pipfix.testing;

import dev.pipfix.setup.SetupFlow;
import dev.pipfix.web.Health;
import dev.pipfix.web.OwnerAccess;
import dev.pipfix.web.Site;
import dev.pipfix.web.Status;
import dev.pipfix.web.WebhookReceiver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A site of a registered App with only its webhook wired, for tests of the webhook alone. */
public record WebhookOnlySite(WebhookReceiver webhook) implements Site {

    @Override
    public Optional<WebhookReceiver> receiver() {
        return Optional.of(webhook);
    }

    @Override
    public Optional<SetupFlow> setup() {
        return Optional.empty();
    }

    @Override
    public Health health() {
        return new Health(Map.of("webhook", "up"), true);
    }

    @Override
    public OwnerAccess access() {
        return OwnerAccess.nobody("http://127.0.0.1");
    }

    @Override
    public String version() {
        return "test";
    }

    /** Nothing behind the webhook keeps a status here: no App details, no deliveries shown. */
    @Override
    public Status status() {
        return new Status(
                null,
                null,
                List.of(),
                "this test site asks GitHub nothing",
                List.of(),
                0,
                0,
                false,
                java.util.Optional.empty());
    }

    @Override
    public String githubWebUrl() {
        return "https://github.com";
    }
}
