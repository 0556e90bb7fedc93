package dev.pipfix.web;

import com.fasterxml.jackson.core.filter.TokenFilter;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the named fields of a JSON document while it is parsed and skips the rest without decoding it. A
 * {@code workflow_run} delivery is ~20 KB of which pipfix reads a few hundred bytes; building the whole tree was a
 * third of the webhook's CPU under load. Paths are dotted field names, {@code []} stepping into every array element:
 * {@code workflow_run.pull_requests[].number}.
 */
final class FieldFilter extends TokenFilter {

    private final Map<String, FieldFilter> fields = new HashMap<>();
    private FieldFilter elements;
    private boolean leaf;

    static FieldFilter of(String... paths) {
        FieldFilter root = new FieldFilter();
        for (String path : paths) {
            FieldFilter node = root;
            for (String step : path.split("\\.")) {
                boolean array = step.endsWith("[]");
                node = node.fields.computeIfAbsent(array ? step.substring(0, step.length() - 2) : step,
                        name -> new FieldFilter());
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
        return child.leaf ? TokenFilter.INCLUDE_ALL : child;
    }

    @Override
    public TokenFilter includeElement(int index) {
        if (elements == null) {
            return null;
        }
        return elements.leaf ? TokenFilter.INCLUDE_ALL : elements;
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
