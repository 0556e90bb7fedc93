package dev.pipfix.web;

import java.util.List;
import java.util.Optional;

/**
 * An answer of the pages: HTML and its status, or a redirect, with any cookies to set.
 *
 * @param setCookies whole {@code Set-Cookie} values
 */
record Page(int status, String html, Optional<String> location, List<String> setCookies) {

    Page(int status, String html) {
        this(status, html, Optional.empty(), List.of());
    }

    /** {@code 303 See Other}: the browser asks for {@code location} next, with GET. */
    static Page redirect(String location, List<String> setCookies) {
        return new Page(303, "", Optional.of(location), setCookies);
    }

    /** A page that says what went wrong; {@code html} is escaped already where it holds outside text. */
    static Page problem(int status, String title, String html) {
        return new Page(
                status,
                Html.page(
                        title,
                        "<h1>" + Html.escape(title) + "</h1>\n<p class=\"error\"" + " role=\"alert\">" + html
                                + "</p>\n"));
    }

    Page withCookies(List<String> cookies) {
        return new Page(status, html, location, cookies);
    }
}
