package dev.pipfix.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code NAME=value} lines, {@code #} comments, optional {@code export}, values in
 * single or double quotes. A double-quoted value may span lines, which is how a PEM key is usually pasted.
 */
final class DotEnv {

    private DotEnv() {}

    static Map<String, String> read(Path file) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(
                    file + ": cannot be read (" + e.getMessage() + "); fix its permissions or" + " remove it");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException(file + " line " + (i + 1) + ": expected NAME=value");
            }
            String name = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (value.startsWith("\"")) {
                StringBuilder quoted = new StringBuilder(value.substring(1));
                while (!endsWithUnescapedQuote(quoted) && i + 1 < lines.size()) {
                    quoted.append('\n').append(lines.get(++i));
                }
                if (!endsWithUnescapedQuote(quoted)) {
                    throw new ConfigException(file + ": the value of " + name + " opens a \" that never closes");
                }
                value = quoted.substring(0, quoted.length() - 1)
                        .replace("\\n", "\n")
                        .replace("\\\"", "\"");
            } else if (value.startsWith("'") && value.endsWith("'") && value.length() >= 2) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                value = comment >= 0 ? value.substring(0, comment).strip() : value;
            }
            values.put(name, value);
        }
        return values;
    }

    private static boolean endsWithUnescapedQuote(CharSequence text) {
        String s = text.toString().stripTrailing();
        return s.endsWith("\"") && !s.endsWith("\\\"");
    }
}
