package dev.pipfix.workflow;

import java.util.Optional;

/**
 * The virtual environment a script activates: {@code . venv/bin/activate}, {@code source .env/bin/activate},
 * {@code venv\Scripts\activate}. Read word by word in one pass (the script is a fork's text, up to a megabyte): a
 * regular expression for it retried the rest of a word at every {@code (} inside it, quadratic in the word.
 */
final class Activation {

    private static final String POSIX = "/bin/activate";
    private static final String SCRIPTS = "Scripts";
    private static final String ACTIVATE = "activate";

    private Activation() {}

    /** The environment's path as the script wrote it, or nothing when no line activates one. */
    static Optional<String> venvOf(String script) {
        if (script == null) {
            return Optional.empty();
        }
        int length = script.length();
        int position = 0;
        // the word before this one, when only whitespace stood between them: ". venv/bin/activate"
        boolean afterSourceCommand = false;
        while (position < length) {
            int start = position;
            while (position < length && !separator(script.charAt(position))) {
                position++;
            }
            if (position > start) {
                String word = script.substring(start, position);
                if (afterSourceCommand) {
                    Optional<String> posix = before(word, POSIX);
                    if (posix.isPresent()) {
                        return posix;
                    }
                }
                Optional<String> windows = beforeScriptsActivate(word);
                if (windows.isPresent()) {
                    return windows;
                }
                afterSourceCommand = isSourceCommand(word);
            }
            int gap = position;
            while (position < length && separator(script.charAt(position))) {
                position++;
            }
            if (afterSourceCommand && !allWhitespace(script, gap, position)) {
                afterSourceCommand = false;
            }
        }
        return Optional.empty();
    }

    /** {@code .} or {@code source}, alone or right after an opening parenthesis. */
    private static boolean isSourceCommand(String word) {
        return word.equals(".") || word.equals("source") || word.endsWith("(.") || word.endsWith("(source");
    }

    /** The part of the word before the first {@code suffix} that ends at a word boundary, when not empty. */
    private static Optional<String> before(String word, String suffix) {
        for (int at = word.indexOf(suffix, 1); at >= 1; at = word.indexOf(suffix, at + 1)) {
            if (boundary(word, at + suffix.length())) {
                return Optional.of(word.substring(0, at));
            }
        }
        return Optional.empty();
    }

    /** {@code venv\Scripts\activate} with either slash on either side. */
    private static Optional<String> beforeScriptsActivate(String word) {
        for (int at = word.indexOf(SCRIPTS, 2); at >= 2; at = word.indexOf(SCRIPTS, at + 1)) {
            int after = at + SCRIPTS.length();
            if (slash(word.charAt(at - 1))
                    && after < word.length()
                    && slash(word.charAt(after))
                    && word.startsWith(ACTIVATE, after + 1)
                    && boundary(word, after + 1 + ACTIVATE.length())) {
                return Optional.of(word.substring(0, at - 1));
            }
        }
        return Optional.empty();
    }

    private static boolean slash(char c) {
        return c == '/' || c == '\\';
    }

    private static boolean boundary(String word, int at) {
        if (at >= word.length()) {
            return true;
        }
        char c = word.charAt(at);
        return !Character.isLetterOrDigit(c) && c != '_';
    }

    private static boolean separator(char c) {
        return Character.isWhitespace(c) || c == ';' || c == '&' || c == '|';
    }

    private static boolean allWhitespace(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
