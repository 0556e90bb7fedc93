package dev.pipfix.web;

import dev.pipfix.setup.SetupFlow;
import java.util.Map;

/** What the pages need from the running server, whatever state it is in. The app layer implements it. */
public interface Site {

    /** Null until the App is registered: deliveries are then answered 503. */
    WebhookReceiver receiver();

    /** Null once the App is registered: the setup pages are then closed. */
    SetupFlow setup();

    Health health();

    /** What the status page shows; only asked once the App is registered. */
    Status status();

    /** A site with only a webhook, for tests of the webhook alone. */
    static Site of(WebhookReceiver receiver) {
        return new Site() {
            @Override
            public WebhookReceiver receiver() {
                return receiver;
            }

            @Override
            public SetupFlow setup() {
                return null;
            }

            @Override
            public Health health() {
                return new Health(Map.of("webhook", "up"), true);
            }

            @Override
            public Status status() {
                throw new UnsupportedOperationException("no status page in a webhook-only site");
            }
        };
    }
}
