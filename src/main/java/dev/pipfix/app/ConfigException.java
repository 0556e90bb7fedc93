package dev.pipfix.app;

/** A setting is missing or unusable. The message names it and says what to do, in one line. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }
}
