package dev.pipfix.queue;

/**
 * A {@code /pipfix apply} comment on a pull request, as the {@code issue_comment} delivery gave it: the work of
 * committing pipfix's fix, queued like a run's.
 *
 * @param installationId the App installation the delivery names; null when it names none
 * @param commenterType  the author's account type ({@code User}, {@code Bot})
 */
public record FixCommand(
        String deliveryId,
        Long installationId,
        String repository,
        int pullRequest,
        long commentId,
        String commenter,
        String commenterType)
        implements Work {

    @Override
    public String taskId() {
        return "apply/" + repository + "/" + commentId;
    }
}
