package dev.pipfix.github;

/** Marks a request as made with an installation's token. */
record InstallationTag(long installationId) {}
