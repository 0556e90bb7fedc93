package dev.pipfix.web;

/** The answer to one delivery: its status and a short reason GitHub shows under "Recent Deliveries". */
record WebhookReply(int status, String result, String reason) {

    static WebhookReply rejected(int status, String reason) {
        return new WebhookReply(status, "rejected", reason);
    }

    static WebhookReply ignored(String reason) {
        return new WebhookReply(202, "ignored", reason);
    }

    static WebhookReply duplicate(String reason) {
        return new WebhookReply(202, "duplicate", reason);
    }

    static WebhookReply queued(String reason) {
        return new WebhookReply(202, "queued", reason);
    }
}
