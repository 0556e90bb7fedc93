package dev.pipfix.diagnosis;

import java.io.IOException;

/** The input is not a text log; the message says what it looks like instead. */
public final class NotALogException extends IOException {

    public NotALogException(String message) {
        super(message);
    }
}
