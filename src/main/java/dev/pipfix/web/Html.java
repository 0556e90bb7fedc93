package dev.pipfix.web;

/** The few pieces every page shares: escaping and the page frame. Pages are small; no template engine is needed. */
final class Html {

    private static final String STYLE = """
            body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;\
            padding:0 1rem;color:#1f2328}
            h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:1.6rem}
            code{background:#f6f8fa;padding:.1rem .3rem;border-radius:4px}
            table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #d1d9e0;\
            padding:.35rem .4rem;text-align:left;vertical-align:top}
            label{display:block;margin:.8rem 0 .2rem;font-weight:600}input{font:inherit;padding:.35rem;width:20rem}
            button,.button{font:inherit;font-weight:600;background:#1f883d;color:#fff;border:0;border-radius:6px;\
            padding:.5rem 1rem;margin-top:1rem;cursor:pointer;text-decoration:none;display:inline-block}
            .note{color:#59636e;font-size:.9rem}.warning{background:#fff8c5;padding:.5rem .8rem;border-radius:6px}
            .error{background:#ffebe9;padding:.5rem .8rem;border-radius:6px}
            .session{float:right}.session button{margin:0 0 0 .5rem;padding:.25rem .7rem;background:#59636e}
            pre{white-space:pre-wrap;font-size:.8rem;max-height:24rem;overflow:auto;background:#f6f8fa;padding:.5rem}
            """;

    private Html() {}

    /** The one script the pages run: the setup page's form, posted at once to GitHub. */
    static final String SUBMIT_MANIFEST = "document.getElementById('manifest-form').submit();";

    /**
     * What the pages may load and run: their own style and script, by hash, nothing else inline; forms post here
     * or to GitHub's web address (the App manifest); no framing, no base. Whatever an escaping slip let into a page,
     * the browser runs none of it.
     */
    static String contentSecurityPolicy(String githubWebUrl) {
        return "default-src 'none'; style-src '" + STYLE_HASH + "'; script-src '" + SCRIPT_HASH
                + "'; img-src 'self'; form-action 'self' " + githubWebUrl
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    private static final String STYLE_HASH = sha256(STYLE);
    private static final String SCRIPT_HASH = sha256(SUBMIT_MANIFEST);

    private static String sha256(String text) {
        try {
            return "sha256-"
                    + java.util.Base64.getEncoder()
                            .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page; {@code body} is HTML already escaped where it holds outside text. */
    static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head><body>\n" + body
                + "\n</body></html>\n";
    }
}
