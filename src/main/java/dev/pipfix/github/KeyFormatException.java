package dev.pipfix.github;

/** The App's private key cannot be used; the message says why and what to do. */
public final class KeyFormatException extends Exception {

    public KeyFormatException(String message) {
        super(message);
    }
}
