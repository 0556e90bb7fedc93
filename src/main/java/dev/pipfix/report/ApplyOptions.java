package dev.pipfix.report;

import java.util.Optional;

/**
 * The ways to apply a patch that hold for one pull request and this App, besides {@code git apply} (which always
 * does): GitHub's "Commit suggestion" on pipfix's review comment, and the {@code /pipfix apply} command.
 *
 * @param diff          the patch the options apply: other sections' patches can only be applied by hand
 * @param suggestionUrl pipfix's review comment carrying the patch as a suggestion, when the lines are in the diff
 * @param command       whether {@code /pipfix apply} would commit it (the App may, the repository allows it)
 */
public record ApplyOptions(String diff, Optional<String> suggestionUrl, boolean command) {

    /** Only {@code git apply}: a commit without a pull request, the Action, an App that may not commit. */
    public static ApplyOptions byHand() {
        return new ApplyOptions("", Optional.empty(), false);
    }

    boolean concerns(String patch) {
        return !diff.isEmpty() && diff.equals(patch);
    }
}
