package dev.pipfix.diagnosis;

/**
 * Whose code a traceback's frame line ({@code File "/usr/lib/python3/dist-packages/pip/_internal/req/...", line 5})
 * belongs to: pip's or pipx's. Read with {@code indexOf} over the line once, with its backslashes as slashes: the
 * regular expressions these replace tried each of their alternatives at every character of a line a fork can make
 * 16 KB long.
 */
final class TracebackFrames {

    private static final String FRAME = "File \"";
    private static final String[] PIP_MODULES = {
        "_internal/", "basecommand.py", "req/", "wheel.py", "commands/", "utils/", "download.py", "__main__.py"
    };

    private TracebackFrames() {}

    /** A frame of pip's own code, of its entry script, or of a Windows {@code Scripts\pip.exe}. */
    static boolean isPipFrame(String line) {
        if (!line.startsWith(FRAME)) {
            return false;
        }
        String path = line.replace('\\', '/');
        for (int at = path.indexOf("/pip/", FRAME.length() - 1); at >= 0; at = path.indexOf("/pip/", at + 1)) {
            for (String module : PIP_MODULES) {
                if (path.startsWith(module, at + "/pip/".length())) {
                    return true;
                }
            }
        }
        for (int at = path.indexOf("/bin/pip", FRAME.length() - 1); at >= 0; at = path.indexOf("/bin/pip", at + 1)) {
            int end = digitsAndDots(path, at + "/bin/pip".length());
            if (end < path.length() && path.charAt(end) == '"') {
                return true;
            }
        }
        for (int at = path.indexOf("/Scripts/pip", FRAME.length() - 1);
                at >= 0;
                at = path.indexOf("/Scripts/pip", at + 1)) {
            int start = at + "/Scripts/pip".length();
            int end = digitsAndDots(path, start);
            if (path.startsWith("/", end)
                    || path.startsWith(".exe/", end)
                    || end > start && path.charAt(end - 1) == '.' && path.startsWith("exe/", end)) {
                return true;
            }
        }
        return false;
    }

    /** A frame of pipx's own code ({@code .../pipx/commands/install.py"}) or of its entry script. */
    static boolean isPipxFrame(String line) {
        if (!line.startsWith(FRAME)) {
            return false;
        }
        String path = line.replace('\\', '/');
        for (int at = path.indexOf("/pipx/", FRAME.length() - 1); at >= 0; at = path.indexOf("/pipx/", at + 1)) {
            int start = at + "/pipx/".length();
            int end = start;
            while (end < path.length() && end - start <= 80 && moduleChar(path.charAt(end))) {
                end++;
            }
            if (end > start && end - start <= 80 && path.startsWith(".py\"", end)) {
                return true;
            }
        }
        return path.indexOf("/bin/pipx\"", FRAME.length() - 1) >= 0;
    }

    private static int digitsAndDots(String text, int from) {
        int end = from;
        while (end < text.length() && (text.charAt(end) >= '0' && text.charAt(end) <= '9' || text.charAt(end) == '.')) {
            end++;
        }
        return end;
    }

    private static boolean moduleChar(char c) {
        return c >= 'a' && c <= 'z' || c == '_' || c == '/';
    }
}
