package dev.pipfix.web;

/** The body is JSON but not the event its header claims. */
public final class MalformedPayloadException extends Exception {

    MalformedPayloadException(String message) {
        super(message);
    }
}
