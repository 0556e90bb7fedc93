package dev.pipfix.web;

import dev.pipfix.setup.SetupFlow;
import java.util.Optional;

/** What the pages need from the running server, whatever state it is in. The app layer implements it. */
public interface Site {

    /** Empty until the App is registered: deliveries are then answered 503. */
    Optional<WebhookReceiver> receiver();

    /** Empty once the App is registered: the setup pages are then closed. */
    Optional<SetupFlow> setup();

    Health health();

    /** What the status page shows its owner; only asked once the App is registered. */
    Status status();

    /** Who may see the status; only asked once the App is registered. */
    OwnerAccess access();

    /** GitHub's web address ({@code https://github.com}, or a GitHub Enterprise Server's): where the pages' forms may go. */
    String githubWebUrl();

    /** pipfix's version, which anyone may see. */
    String version();
}
