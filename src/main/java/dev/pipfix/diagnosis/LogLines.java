package dev.pipfix.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A line as the rules read it. {@link #clean} removes the framing every line of a CI system's log has (GitHub's and
 * Azure's ISO timestamps, Jenkins' bracketed ones, Docker BuildKit's {@code #12 3.456 } step prefixes, a byte-order
 * mark, ANSI colour codes, a trailing carriage return) and keeps leading spaces: pasted web-page copies indent a
 * step's header by two. {@link #content} goes further when the line holds something the rules know: whatever frames
 * it ({@link LineStarts}) is removed, and pip's box-drawing marks spoilt by a wrong encoding are restored.
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

    /**
     * The tool's own words in a line: from where {@link LineStarts#contentStart} finds something the rules know,
     * or else the cleaned line, stripped.
     *
     * @param cleaned the line after {@link #clean}
     * @param pasted the text was pasted rather than logged (see {@link LineStarts#contentStart})
     */
    static String content(String raw, String cleaned, boolean pasted) {
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        int at = LineStarts.contentStart(b, 0, b.length, pasted);
        if (at < 0) {
            return cleaned.strip();
        }
        String content =
                clean(new String(b, at, b.length - at, StandardCharsets.UTF_8)).strip();
        // an error pasted in inline backticks: `ERROR: ...`
        if (pasted && content.endsWith("`") && new String(b, 0, at, StandardCharsets.UTF_8).indexOf('`') >= 0) {
            content = content.substring(0, content.length() - 1).strip();
        }
        return repaired(content);
    }

    /**
     * pip's {@code ×} and {@code ╰─>} after a copy through the wrong encoding: UTF-8 read as Windows-1252
     * ({@code Ã—}, {@code â•°â”€>}), replacement characters, or an ASCII {@code x}.
     */
    static String repaired(String content) {
        if (content.startsWith("\u00C3\u2014 ")) {
            return "\u00D7 " + content.substring(3);
        }
        if (content.startsWith("\u00E2\u2022\u00B0\u00E2\u201D\u20AC>")) {
            return "\u2570\u2500>" + content.substring(7);
        }
        if (content.startsWith("x This environment is externally managed")) {
            return "\u00D7" + content.substring(1);
        }
        if (content.startsWith("\uFFFD")) {
            int i = 0;
            while (i < content.length() && content.charAt(i) == '\uFFFD') {
                i++;
            }
            String rest = content.substring(i);
            if (rest.startsWith(">")) {
                return "\u2570\u2500" + rest;
            }
            if (rest.startsWith(" ")) {
                return "\u00D7" + rest;
            }
        }
        return content;
    }

    /** True when the runner echoed this line as part of a step's script (it colours those cyan). */
    static boolean isScriptEcho(String raw) {
        return raw.contains(SCRIPT_ECHO);
    }
}
