package dev.pipfix.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the scenario files under {@code src/test/resources}. */
public final class Fixtures {

    private Fixtures() {}

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String path) {
        return text(path).getBytes(StandardCharsets.UTF_8);
    }

    public static String log(String name) {
        return text("logs/" + name);
    }

    public static byte[] payload(String name) {
        return bytes("payloads/" + name);
    }
}
