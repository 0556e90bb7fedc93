package dev.pipfix.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * YAML that a fork wrote (its workflows, composite actions and {@code .github/pipfix.yml}) read within bounds: its
 * size, its nesting and its number of nodes are checked in one pass over the parser's events, which builds nothing
 * and recurses nowhere, before anything is composed. snakeyaml-engine's composer recurses once per level (2,000
 * nested {@code [} overflow the stack), and a loaded tree shares each anchor's value, so walking it visits every path
 * through the anchors (28 nested anchors in 670 bytes took 25 s to compare).
 */
public final class BoundedYaml {

    /** GitHub's contents API serves a file's text inline up to 1 MB; a workflow is never near it. */
    public static final int MAX_CHARS = 1_048_576;
    /** Workflows nest a handful of levels (jobs, steps, with); a generous bound for the rest. */
    public static final int MAX_DEPTH = 64;
    /**
     * Scalars, collections and aliases: a megabyte of ordinary workflow (6,000 jobs of two steps) makes about
     * 120,000; the bound keeps a file of one-character list items from costing several times that.
     */
    public static final int MAX_EVENTS = 200_000;
    /** snakeyaml-engine's own default, stated so it cannot change under us. */
    private static final int MAX_ALIASES_FOR_COLLECTIONS = 50;

    private BoundedYaml() {}

    /** The settings every read of untrusted YAML uses: duplicate keys allowed or not. */
    public static LoadSettings settings(String label, boolean allowDuplicateKeys) {
        return LoadSettings.builder()
                .setLabel(label)
                .setCodePointLimit(MAX_CHARS)
                .setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS)
                .setAllowRecursiveKeys(false)
                .setAllowNonScalarKeys(false)
                .setAllowDuplicateKeys(allowDuplicateKeys)
                .build();
    }

    /**
     * The document's root node with line marks, duplicate keys kept (the composer's view).
     *
     * @throws LimitException past one of the bounds
     * @throws YamlEngineException when the text is not YAML
     */
    public static Optional<Node> compose(String text, String label) throws LimitException {
        return compose(text, label, MAX_CHARS);
    }

    /** @param maxChars a smaller size bound than {@link #MAX_CHARS}, for a file that is a few lines when it is right */
    public static Optional<Node> compose(String text, String label, int maxChars) throws LimitException {
        LoadSettings settings = settings(label, true);
        check(text, settings, maxChars);
        return new Compose(settings).composeString(text);
    }

    /**
     * The document as Java maps, lists and scalars, duplicate keys refused. An anchor's value is one shared object:
     * compare loaded documents with {@link SameData}, never {@code equals}.
     *
     * @throws LimitException past one of the bounds
     * @throws YamlEngineException when the text is not YAML or holds a duplicate key
     */
    public static Object loadStrictly(String text, String label) throws LimitException {
        LoadSettings settings = settings(label, false);
        check(text, settings, MAX_CHARS);
        return new Load(settings).loadFromString(text);
    }

    /** Reads the events once: size, depth and count within the bounds, or why not. */
    private static void check(String text, LoadSettings settings, int maxChars) throws LimitException {
        if (text.length() > maxChars) {
            throw new LimitException("it is longer than " + maxChars + " characters");
        }
        int depth = 0;
        int events = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (++events > MAX_EVENTS) {
                throw new LimitException("it holds more than " + MAX_EVENTS + " YAML nodes");
            }
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw new LimitException("it nests deeper than " + MAX_DEPTH + " levels");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {}
            }
        }
    }

    /** The text is YAML pipfix will not read: what bound it passed, in words for the comment or the log. */
    public static final class LimitException extends Exception {
        public LimitException(String message) {
            super(message);
        }
    }
}
