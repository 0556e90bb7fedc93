package dev.pipfix.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts untrusted text (log lines, workflow, job and step names, which anyone opening a pull request controls)
 * into Markdown so that it renders literally: no formatting, no links, no HTML, and no {@code @mention}
 * notifications, which only code spans and fenced blocks suppress.
 */
public final class Markdown {

    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    private Markdown() {}

    /** An inline code span that cannot be closed early by backticks in the text. */
    public static String codeSpan(String text) {
        String flat = text.replaceAll("[\\r\\n]+", " ");
        if (flat.isBlank()) {
            return "` `";
        }
        String fence = "`".repeat(longestBacktickRun(flat) + 1);
        boolean pad = flat.startsWith("`") || flat.endsWith("`");
        return fence + (pad ? " " : "") + flat + (pad ? " " : "") + fence;
    }

    /** A fenced code block whose fence is longer than any backtick run inside, so the text cannot end it. */
    public static String fencedBlock(String language, String text) {
        String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
        String body = text.endsWith("\n") ? text : text + "\n";
        return fence + language + "\n" + body + fence;
    }

    public static int longestBacktickRun(String text) {
        int longest = 0;
        Matcher matcher = BACKTICK_RUN.matcher(text);
        while (matcher.find()) {
            longest = Math.max(longest, matcher.end() - matcher.start());
        }
        return longest;
    }
}
