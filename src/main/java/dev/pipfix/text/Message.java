package dev.pipfix.text;

import java.util.ArrayList;
import java.util.List;

/**
 * pipfix's own words with values in them that came from GitHub, a workflow or a log (a job's name, a step's
 * {@code uses:}, a parser's complaint quoting the file): the words are written as Markdown, the values are kept apart
 * so that whoever shows the message decides how: a code span in a comment ({@link #markdown()}), which renders no
 * link, image, HTML or mention whatever the value holds; backticks in a terminal or JSON ({@link #plain()}).
 *
 * <p>Notes carry values; the renderer escapes them. A value is never glued into the words.
 */
public final class Message {

    private static final String SLOT = "{}";

    /** Alternating: words, value, words, value, ..., words. */
    private final List<String> words;

    private final List<String> values;

    private Message(List<String> words, List<String> values) {
        this.words = List.copyOf(words);
        this.values = List.copyOf(values);
    }

    /**
     * @param template pipfix's words (Markdown), with {@code {}} where each value goes
     * @param values   the values, in order; shown as text whatever they hold
     */
    public static Message of(String template, Object... values) {
        List<String> words = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        int from = 0;
        for (Object value : values) {
            int slot = template.indexOf(SLOT, from);
            if (slot < 0) {
                throw new IllegalArgumentException("more values than {} in: " + template);
            }
            words.add(template.substring(from, slot));
            kept.add(String.valueOf(value));
            from = slot + SLOT.length();
        }
        if (template.indexOf(SLOT, from) >= 0) {
            throw new IllegalArgumentException("fewer values than {} in: " + template);
        }
        words.add(template.substring(from));
        return new Message(words, kept);
    }

    /** This message followed by another. */
    public Message then(Message next) {
        List<String> words = new ArrayList<>(this.words);
        List<String> values = new ArrayList<>(this.values);
        words.set(words.size() - 1, words.get(words.size() - 1) + next.words.get(0));
        words.addAll(next.words.subList(1, next.words.size()));
        values.addAll(next.values);
        return new Message(words, values);
    }

    /** For a comment: each value in a code span that nothing in it can close. */
    public String markdown() {
        return render(Markdown::codeSpan);
    }

    /** For a terminal, a log line or JSON: each value between backticks, on one line. */
    public String plain() {
        return render(value -> "`" + value.replaceAll("[\\r\\n]+", " ") + "`");
    }

    private String render(java.util.function.UnaryOperator<String> value) {
        StringBuilder out = new StringBuilder(words.get(0));
        for (int i = 0; i < values.size(); i++) {
            out.append(value.apply(values.get(i))).append(words.get(i + 1));
        }
        return out.toString();
    }

    /** The plain form: what a test or a log line reads. */
    @Override
    public String toString() {
        return plain();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message m && m.words.equals(words) && m.values.equals(values);
    }

    @Override
    public int hashCode() {
        return words.hashCode() * 31 + values.hashCode();
    }
}
