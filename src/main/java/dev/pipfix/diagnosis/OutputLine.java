package dev.pipfix.diagnosis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line a command printed, as every rule reads it: its number, its words without the frame around them
 * ({@link LogLines#content}), and what several rules ask of it, worked out once: the OS error an exception on it
 * carries.
 */
final class OutputLine {

    /** {@code PermissionError: [Errno 13] ...}, {@code OSError: [WinError 5] ...}, or distutils' {@code error: [}. */
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(?:[A-Za-z_][A-Za-z0-9_.]{0,80}(?:Error|Exception)|error): (?=\\[)");

    final long number;
    final String content;
    private Optional<ErrorCode> exceptionError;

    OutputLine(long number, String content) {
        this.number = number;
        this.content = content;
    }

    /** The OS error that an exception's message on this line opens with, when it is one of the permission family. */
    Optional<ErrorCode> exceptionError() {
        if (exceptionError == null) {
            // the name ends within 90 characters with ": [": most lines have none, and need no regular expression
            int mark = content.indexOf(": [");
            Matcher exception = mark > 0 && mark <= 90 ? EXCEPTION_LINE.matcher(content) : null;
            ErrorCode code = exception != null && exception.find() ? ErrorCode.at(content, exception.end()) : null;
            exceptionError = code != null && code.kind() != null ? Optional.of(code) : Optional.empty();
        }
        return exceptionError;
    }

    /** The path the error names, after its code. */
    String pathAfter(ErrorCode code) {
        return ErrorPaths.after(content, code.end());
    }
}
