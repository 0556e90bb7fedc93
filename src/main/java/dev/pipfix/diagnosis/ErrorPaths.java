package dev.pipfix.diagnosis;

/** Reads the path out of an OS error message: {@code [Errno 13] Permission denied: '/usr/lib/python3/x'}. */
final class ErrorPaths {

    private ErrorPaths() {}

    /**
     * The first quoted string after the code, with Python's repr undone ({@code u''} prefix, doubled backslashes);
     * null when the message quotes none ({@code [Errno 1] Operation not permitted}).
     */
    static String after(String message, int from) {
        for (int i = from; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c != '\'' && c != '"') {
                continue;
            }
            int close = closingQuote(message, i + 1, c);
            if (close < 0) {
                return null;
            }
            String path = message.substring(i + 1, close).replace("\\\\", "\\");
            if (path.isEmpty()) {
                return null;
            }
            // a move: 'source' -> 'destination'. Out of pip's own temporary directory it is the destination that
            // refused (--target's move into place); into one, the source's directory (an uninstall's stash)
            if (message.startsWith(" -> ", close + 1) && isPipTemporary(path)) {
                String destination =
                        after(message.substring(0, Math.min(message.length(), close + 1 + 4 + 4096)), close + 1 + 4);
                return destination == null ? path : destination;
            }
            return path;
        }
        return null;
    }

    /** {@code /tmp/pip-target-xebfmyyv/...}: a directory pip made for itself and owns. */
    private static boolean isPipTemporary(String path) {
        String p = path.replace('\\', '/');
        int pip = p.indexOf("/pip-");
        return pip >= 0
                && p.indexOf('-', pip + 5) > 0
                && (p.startsWith("/tmp/")
                        || p.contains("/Temp/")
                        || p.contains("/temp/")
                        || p.startsWith("/var/folders/"));
    }

    private static int closingQuote(String text, int from, char quote) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }
}
