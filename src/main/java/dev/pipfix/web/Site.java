package dev.pipfix.web;

import dev.pipfix.setup.SetupFlow;

/** What the pages need from the running server, whatever state it is in. The app layer implements it. */
public interface Site {

    /** Null until the App is registered: deliveries are then answered 503. */
    WebhookReceiver receiver();

    /** Null once the App is registered: the setup pages are then closed. */
    SetupFlow setup();

    Health health();

    /** What the status page shows its owner; only asked once the App is registered. */
    Status status();

    /** Who may see the status; only asked once the App is registered. */
    OwnerAccess access();

    /** pipfix's version, which anyone may see. */
    String version();
}
