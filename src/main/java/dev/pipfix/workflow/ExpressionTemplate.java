package dev.pipfix.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A name or script line written with {@code ${{ }}} expressions, matched against what the runner made of it
 * ({@code Test on ${{ matrix.os }}} against {@code Test on ubuntu-latest}). The text comes from a fork's workflow, so
 * no regular expression is built from it: each expression stands for one or more characters, the literal parts are
 * placed leftmost in order (which finds a match whenever there is one, as every literal but the last is followed by
 * an expression that can take up slack), and the work is bounded by the two lengths, which are capped.
 */
final class ExpressionTemplate {

    /** Longer names and lines are compared as plain text: no runner name or echoed line comes near this. */
    static final int MAX_CHARS = 1_024;

    private static final String OPEN = "${{";
    private static final String CLOSE = "}}";

    /** The literal text between expressions: one more than there are expressions. */
    private final List<String> literals;

    private ExpressionTemplate(List<String> literals) {
        this.literals = literals;
    }

    /** Whether the text holds an expression at all. */
    static boolean holdsExpression(String text) {
        return text.contains(OPEN);
    }

    static ExpressionTemplate of(String template) {
        List<String> literals = new ArrayList<>();
        int last = 0;
        int open = template.indexOf(OPEN);
        while (open >= 0) {
            int close = template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                break;
            }
            literals.add(template.substring(last, open));
            last = close + CLOSE.length();
            open = template.indexOf(OPEN, last);
        }
        literals.add(template.substring(last));
        return new ExpressionTemplate(literals);
    }

    /**
     * The values the expressions took, or nothing when the text is not an expansion of this template; {@code  (…)}
     * may follow it (the API's name of a matrix job adds the matrix values so). Each value is the shortest that
     * lets the rest match, as a lazy regular expression's groups would be.
     */
    Optional<List<String>> match(String text) {
        int length = literals.stream().mapToInt(String::length).sum();
        if (text.length() > MAX_CHARS || length > MAX_CHARS || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return Optional.empty();
        }
        String first = literals.get(0);
        if (!text.startsWith(first)) {
            return Optional.empty();
        }
        if (literals.size() == 1) {
            return text.length() == first.length() || isMatrixSuffix(text, first.length())
                    ? Optional.of(List.of())
                    : Optional.empty();
        }
        List<String> values = new ArrayList<>();
        int position = first.length();
        for (int i = 1; i < literals.size() - 1; i++) {
            String literal = literals.get(i);
            // each expression takes at least one character, then the next literal at its leftmost place
            int at = literal.isEmpty() ? position + 1 : text.indexOf(literal, position + 1);
            if (at < 0 || at > text.length()) {
                return Optional.empty();
            }
            values.add(text.substring(position, at));
            position = at + literal.length();
        }
        // the last expression ends where the last literal is followed by a matrix suffix, or by the end of the text
        String last = literals.get(literals.size() - 1);
        int earliest = position + 1 + last.length();
        if (text.endsWith(")")) {
            for (int k = text.indexOf(" (", earliest); k >= 0; k = text.indexOf(" (", k + 1)) {
                if (text.startsWith(last, k - last.length()) && isMatrixSuffix(text, k)) {
                    values.add(text.substring(position, k - last.length()));
                    return Optional.of(values);
                }
            }
        }
        if (text.length() >= earliest && text.endsWith(last)) {
            values.add(text.substring(position, text.length() - last.length()));
            return Optional.of(values);
        }
        return Optional.empty();
    }

    boolean matches(String text) {
        return match(text).isPresent();
    }

    /** {@code  (…)} from {@code from} to the end of the text. */
    private static boolean isMatrixSuffix(String text, int from) {
        return text.length() - from >= 3 && text.startsWith(" (", from) && text.endsWith(")");
    }
}
