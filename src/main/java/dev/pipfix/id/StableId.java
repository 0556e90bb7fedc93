package dev.pipfix.id;

import java.util.Locale;

/**
 * An enum whose constants have a stable id, the one the database, the metrics, the JSON output and the settings file
 * use: the constant's name in lower case, with hyphens for underscores ({@code NO_PULL_REQUEST} is
 * {@code no-pull-request}). Renaming a constant renames its id, which stored rows and users' settings name: give such
 * an enum an explicit id instead.
 */
public interface StableId {

    String name();

    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
