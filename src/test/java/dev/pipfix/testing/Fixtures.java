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

    /**
     * A log of the corpus as the engine reads it: without the lines at its top that start with {@code "# "}, which
     * say where the log comes from and what it shows.
     */
    public static String corpusLog(String path) {
        String text = text("corpus/" + path);
        int at = 0;
        while (text.startsWith("# ", at)) {
            int end = text.indexOf('\n', at);
            at = end < 0 ? text.length() : end + 1;
        }
        return text.substring(at);
    }

    public static String log(String name) {
        return text("logs/" + name);
    }

    public static byte[] payload(String name) {
        return bytes("payloads/" + name);
    }
}
