package dev.pipfix.diagnosis;

/**
 * The OS error in a Python message: {@code [Errno 13]} or {@code [WinError 5]}. The number is the stable part;
 * the text after it is localised by the OS.
 */
record ErrorCode(boolean windows, int number, int end) {

    /** The kind this code means during a pip install, or null when it is outside the permission family. */
    Kind kind() {
        if (windows) {
            return switch (number) {
                case 5 -> Kind.ACCESS_DENIED;
                case 32 -> Kind.FILE_IN_USE;
                default -> null;
            };
        }
        return switch (number) {
            case 13 -> Kind.PERMISSION_DENIED;
            case 1 -> Kind.OPERATION_NOT_PERMITTED;
            case 30 -> Kind.READ_ONLY_FILESYSTEM;
            default -> null;
        };
    }

    /** The code that {@code text} starts with at {@code from}, after spaces; null when it does not start with one. */
    static ErrorCode at(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        boolean windows;
        if (text.startsWith("[Errno ", i)) {
            windows = false;
            i += "[Errno ".length();
        } else if (text.startsWith("[WinError ", i)) {
            windows = true;
            i += "[WinError ".length();
        } else {
            return null;
        }
        int start = i;
        if (i < text.length() && text.charAt(i) == '-') {
            i++;
        }
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - start < 6) {
            i++;
        }
        if (i == start || i >= text.length() || text.charAt(i) != ']') {
            return null;
        }
        return new ErrorCode(windows, Integer.parseInt(text.substring(start, i)), i + 1);
    }
}
