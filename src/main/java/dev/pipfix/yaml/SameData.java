package dev.pipfix.yaml;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two loaded YAML documents (or parts of them) hold the same data, in bounded work. {@code equals} on a
 * loaded tree walks every path through shared anchors (exponential in their nesting) and overflows the stack on a
 * value that holds itself ({@code &a [*a]}); this compares each pair of collections once, remembers the pairs found
 * equal, stops at a depth, and gives up past a budget of visits.
 */
public final class SameData {

    /** Visits of values: a megabyte of YAML has fewer than half a million nodes, each visited once per side. */
    private static final int BUDGET = 2_000_000;
    /** Deeper than any workflow through anchors (the parser's own bound is 64 levels per document). */
    private static final int MAX_DEPTH = 256;

    /** Collections already found equal, by identity: an anchor's value is compared once per pair. */
    private final IdentityHashMap<Object, IdentityHashMap<Object, Boolean>> equalPairs = new IdentityHashMap<>();

    private int visits;

    /**
     * @throws TooComplexException past the budget or the depth: the caller cannot tell, and says so
     */
    public boolean same(Object a, Object b) {
        return same(a, b, 0);
    }

    private boolean same(Object a, Object b, int depth) {
        if (++visits > BUDGET || depth > MAX_DEPTH) {
            throw new TooComplexException();
        }
        if (a == b && !(a instanceof Map<?, ?>) && !(a instanceof List<?>)) {
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            return remembered(a, b) || ma.size() == mb.size() && sameMaps(ma, mb, depth) && remember(a, b);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return remembered(a, b) || la.size() == lb.size() && sameLists(la, lb, depth) && remember(a, b);
        }
        if (a instanceof Map<?, ?> || b instanceof Map<?, ?> || a instanceof List<?> || b instanceof List<?>) {
            return false;
        }
        // scalars (keys are scalars too: the loader refuses collections as keys)
        return Objects.equals(a, b);
    }

    private boolean sameMaps(Map<?, ?> a, Map<?, ?> b, int depth) {
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey()) || !same(entry.getValue(), b.get(entry.getKey()), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private boolean sameLists(List<?> a, List<?> b, int depth) {
        Iterator<?> ia = a.iterator();
        Iterator<?> ib = b.iterator();
        while (ia.hasNext()) {
            if (!same(ia.next(), ib.next(), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private boolean remembered(Object a, Object b) {
        IdentityHashMap<Object, Boolean> seen = equalPairs.get(a);
        return seen != null && seen.containsKey(b);
    }

    private boolean remember(Object a, Object b) {
        equalPairs.computeIfAbsent(a, key -> new IdentityHashMap<>()).put(b, Boolean.TRUE);
        return true;
    }

    /** The comparison passed its budget or depth: the documents are not known to be the same. */
    public static final class TooComplexException extends RuntimeException {
        TooComplexException() {
            super("the YAML is too complex to compare (anchors or nesting past pipfix's bounds)", null, false, false);
        }
    }
}
