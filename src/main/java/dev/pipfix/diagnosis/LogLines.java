package dev.pipfix.diagnosis;

import java.util.regex.Pattern;

/** Removes the framing the runner adds to each line, so rules see what the tool printed. */
final class LogLines {

    private static final Pattern TIMESTAMP =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z ?");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    private LogLines() {
    }

    static String clean(String raw) {
        String line = raw;
        while (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        line = TIMESTAMP.matcher(line).replaceFirst("");
        if (line.indexOf('\u001B') >= 0) {
            line = ANSI.matcher(line).replaceAll("");
        }
        return line;
    }
}
