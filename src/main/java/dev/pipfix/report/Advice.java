package dev.pipfix.report;

import dev.pipfix.diagnosis.Cause;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fix for a cause in one sentence, for people reading a terminal rather than a pull request: each cause's
 * {@code causes/<id>/advice.txt}, beside the comment's texts for it.
 */
public final class Advice {

    private final Map<Cause, String> sentences = new EnumMap<>(Cause.class);

    public Advice() {
        for (Cause cause : Cause.values()) {
            String path = "causes/" + cause.id() + "/advice.txt";
            try (InputStream in = Advice.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("no sentence for " + cause.id() + ": " + path + " is missing");
                }
                sentences.put(cause, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public String sentence(Cause cause) {
        return sentences.get(cause);
    }
}
