package dev.pipfix.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The two files a step writes for the runner: the job summary (Markdown, appended) and the step's outputs, in the
 * runner's {@code name<<DELIMITER} form so that a value may hold any line.
 */
final class StepFiles {

    private final Optional<Path> summary;
    private final Optional<Path> output;

    StepFiles(Optional<Path> summary, Optional<Path> output) {
        this.summary = summary;
        this.output = output;
    }

    void summary(String markdown) throws IOException {
        if (summary.isPresent()) {
            append(summary.get(), markdown.endsWith("\n") ? markdown : markdown + "\n");
        }
    }

    void outputs(Map<String, String> values) throws IOException {
        if (output.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String delimiter = "pipfix_" + UUID.randomUUID();
            text.append(entry.getKey())
                    .append("<<")
                    .append(delimiter)
                    .append('\n')
                    .append(entry.getValue())
                    .append('\n')
                    .append(delimiter)
                    .append('\n');
        }
        append(output.get(), text.toString());
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
