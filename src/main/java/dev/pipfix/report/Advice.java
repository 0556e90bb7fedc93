package dev.pipfix.report;

import dev.pipfix.diagnosis.Cause;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** The fix for a cause in one sentence, for people reading a terminal rather than a pull request. */
public final class Advice {

    private final Map<Cause, String> sentences = new EnumMap<>(Cause.class);

    public Advice() {
        Properties properties = new Properties();
        try (InputStream in = Advice.class.getResourceAsStream("advice.properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Cause cause : Cause.values()) {
            String sentence = properties.getProperty(cause.id());
            if (sentence == null) {
                throw new IllegalStateException("advice.properties has no sentence for " + cause.id());
            }
            sentences.put(cause, sentence);
        }
    }

    public String sentence(Cause cause) {
        return sentences.get(cause);
    }
}
