package dev.pipfix.apply;

/**
 * {@code /pipfix apply}, as a comment on a pull request asks for it: the comment's first line, exactly (surrounding
 * blanks aside). A comment that mentions the command anywhere else is a comment, not a command.
 */
public final class ApplyCommand {

    public static final String TEXT = "/pipfix apply";

    private ApplyCommand() {}

    public static boolean isCommand(String body) {
        if (body == null) {
            return false;
        }
        int end = body.indexOf('\n');
        String first = (end < 0 ? body : body.substring(0, end)).strip();
        return first.equals(TEXT);
    }
}
