package dev.pipfix.web;

/** An HTML page and its status. */
record Page(int status, String html) {
}
