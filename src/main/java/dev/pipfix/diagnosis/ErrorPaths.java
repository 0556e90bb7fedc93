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
            return path.isEmpty() ? null : path;
        }
        return null;
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
