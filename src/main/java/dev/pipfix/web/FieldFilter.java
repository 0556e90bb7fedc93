package dev.pipfix.web;

import com.fasterxml.jackson.core.filter.TokenFilter;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the named fields of a JSON document while it is parsed and skips the rest without decoding it. A
 * {@code workflow_run} delivery is ~20 KB of which pipfix reads a few hundred bytes; building the whole tree was a
 * third of the webhook's CPU under load. Paths are dotted field names, {@code []} stepping into every array element:
 * {@code workflow_run.pull_requests[].number}.
 *
 * <p>What it keeps is bounded whatever the document holds, since the document is parsed before its signature is known
 * to match: a named field keeps a scalar only (an object or array in its place is skipped), and an array keeps its
 * first {@value #MAX_ELEMENTS} elements.
 */
final class FieldFilter extends TokenFilter {

    /** More than GitHub lists: a run's {@code pull_requests} holds the open pull requests of its head, a handful. */
    static final int MAX_ELEMENTS = 100;

    /** A named field's value, when it is a string, number, boolean or null. */
    private static final TokenFilter SCALAR = new TokenFilter() {
        @Override
        public TokenFilter filterStartObject() {
            return null;
        }

        @Override
        public TokenFilter filterStartArray() {
            return null;
        }

        @Override
        protected boolean _includeScalar() {
            return true;
        }
    };

    private final Map<String, FieldFilter> fields = new HashMap<>();
    private FieldFilter elements;
    private boolean leaf;

    static FieldFilter of(String... paths) {
        FieldFilter root = new FieldFilter();
        for (String path : paths) {
            FieldFilter node = root;
            for (String step : path.split("\\.")) {
                boolean array = step.endsWith("[]");
                node = node.fields.computeIfAbsent(
                        array ? step.substring(0, step.length() - 2) : step, name -> new FieldFilter());
                if (array) {
                    if (node.elements == null) {
                        node.elements = new FieldFilter();
                    }
                    node = node.elements;
                }
            }
            node.leaf = true;
        }
        return root;
    }

    @Override
    public TokenFilter includeProperty(String name) {
        FieldFilter child = fields.get(name);
        if (child == null) {
            return null;
        }
        return child.leaf ? SCALAR : child;
    }

    @Override
    public TokenFilter includeElement(int index) {
        if (elements == null || index >= MAX_ELEMENTS) {
            return null;
        }
        return elements.leaf ? SCALAR : elements;
    }

    @Override
    protected boolean _includeScalar() {
        return false;
    }

    /** An object on a kept path stays even when none of its fields is kept, so "is it an object?" still holds. */
    @Override
    public boolean includeEmptyObject(boolean contentsFiltered) {
        return true;
    }

    @Override
    public boolean includeEmptyArray(boolean contentsFiltered) {
        return true;
    }
}
