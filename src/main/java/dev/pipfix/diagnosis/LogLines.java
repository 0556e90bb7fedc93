package dev.pipfix.diagnosis;

import java.util.regex.Pattern;

/**
 * Removes the framing each CI system adds to a line, so that rules see what the tool printed: GitHub's and Azure's
 * ISO timestamps, Jenkins' bracketed ones, Docker BuildKit's {@code #12 3.456 } step prefixes, a byte-order mark,
 * ANSI colour codes, a trailing carriage return. Leading spaces are kept: pasted web-page copies indent a step's
 * header by two.
 */
final class LogLines {

    private static final Pattern ISO_TIMESTAMP =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z ?");
    private static final Pattern JENKINS_TIMESTAMP =
            Pattern.compile("^\\[\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z?] ");
    private static final Pattern BUILDKIT_PREFIX = Pattern.compile("^#\\d{1,5} (?:\\d{1,6}\\.\\d{1,4} )?");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]{0,32}[A-Za-z]");
    static final String SCRIPT_ECHO = "\u001B[36;1m";

    private LogLines() {}

    static String clean(String raw) {
        String line = raw;
        while (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.indexOf('\u001B') >= 0) {
            line = ANSI.matcher(line).replaceAll("");
        }
        if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
            line = ISO_TIMESTAMP.matcher(line).replaceFirst("");
        } else if (line.startsWith("[")) {
            line = JENKINS_TIMESTAMP.matcher(line).replaceFirst("");
        }
        if (line.startsWith("#") && !line.startsWith("##")) {
            line = BUILDKIT_PREFIX.matcher(line).replaceFirst("");
        }
        return line;
    }

    /** True when the runner echoed this line as part of a step's script (it colours those cyan). */
    static boolean isScriptEcho(String raw) {
        return raw.contains(SCRIPT_ECHO);
    }
}
