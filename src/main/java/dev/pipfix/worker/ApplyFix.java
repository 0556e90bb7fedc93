package dev.pipfix.worker;

import dev.pipfix.apply.ApplyCommand;
import dev.pipfix.apply.ApplyDecision;
import dev.pipfix.apply.FixCommitMessage;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogDetector;
import dev.pipfix.fix.Fixes;
import dev.pipfix.fix.RunFixes;
import dev.pipfix.github.Branches;
import dev.pipfix.github.Collaborators;
import dev.pipfix.github.CommandComments;
import dev.pipfix.github.CommentThread;
import dev.pipfix.github.FixCommits;
import dev.pipfix.github.GitHubApi;
import dev.pipfix.github.GitHubApiException;
import dev.pipfix.github.GitHubClients;
import dev.pipfix.github.JobLogs;
import dev.pipfix.github.JobStep;
import dev.pipfix.github.PullRequests;
import dev.pipfix.github.Reactions;
import dev.pipfix.github.RunJobs;
import dev.pipfix.github.Runs;
import dev.pipfix.github.StickyComments;
import dev.pipfix.github.WorkflowFiles;
import dev.pipfix.github.WorkflowJob;
import dev.pipfix.queue.FixCommand;
import dev.pipfix.queue.Retention;
import dev.pipfix.queue.RunOutcome;
import dev.pipfix.queue.RunResult;
import dev.pipfix.report.CommentMarker;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.text.Markdown;
import dev.pipfix.text.Message;
import dev.pipfix.workflow.WorkflowFix;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one {@code /pipfix apply}: acknowledge it, check who asked and what the pull request allows, rebuild
 * pipfix's patch for the run its comment is about against the branch's current head, commit it (unless a commit of
 * this fix is already on the branch), answer, and link the commit from pipfix's comment. Every refusal is an answer
 * on the pull request, except a bot's command, which is ignored.
 */
public final class ApplyFix {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyFix.class);
    /** pipfix's comment names its run: {@code [run #7](https://github.com/o/r/actions/runs/680634037) (attempt 2)}. */
    private static final Pattern RUN = Pattern.compile("/actions/runs/(\\d{1,19})\\) \\(attempt (\\d{1,9})\\)");

    private final GitHubClients clients;
    private final StickyComments comments;
    private final LogDetector detector;
    private final Reactions reactions = new Reactions();
    private final Collaborators collaborators = new Collaborators();
    private final PullRequests pullRequests = new PullRequests();
    private final Runs runs = new Runs();
    private final RunJobs runJobs = new RunJobs();
    private final JobLogs jobLogs = new JobLogs(JobLogs.DEFAULT_MAX_BYTES);
    private final WorkflowFiles workflowFiles = new WorkflowFiles();
    private final FixCommits fixCommits = new FixCommits();
    private final Branches branches = new Branches();
    private final CommandComments commandComments = new CommandComments();
    private final RepositorySettings repositorySettings = new RepositorySettings();

    private final Clock clock;

    public ApplyFix(GitHubClients clients, StickyComments comments, LogDetector detector, Clock clock) {
        this.clock = clock;
        this.clients = clients;
        this.comments = comments;
        this.detector = detector;
    }

    /** The fix to commit, rebuilt from the run pipfix's comment is about. */
    private record Rebuilt(Finding finding, WorkflowJob job, String path, String runUrl) {}

    public RunResult handle(FixCommand command) throws IOException {
        long installation = command.installationId() != null
                ? command.installationId()
                : clients.app().installationIdFor(command.repository());
        GitHubApi api = clients.forInstallation(installation);
        String repository = command.repository();
        CommentThread thread = CommentThread.pullRequest(repository, command.pullRequest());
        if ("Bot".equalsIgnoreCase(command.commenterType())) {
            return done(command, RunOutcome.COMMAND_IGNORED, "a bot's command (" + command.commenter() + ")");
        }
        // the comment as GitHub has it now: a delivery may be a replay of an old one, or the comment edited or deleted
        Optional<String> stale = stale(api, command);
        if (stale.isPresent()) {
            return done(command, RunOutcome.COMMAND_IGNORED, stale.get());
        }
        // who asked comes first: a command from someone who may not push costs one read (two the first time), no
        // write but the one answer, and never the reading of settings, runs and logs
        String role = collaborators.role(api, repository, command.commenter());
        if (!ApplyDecision.MAY_PUSH.contains(role)) {
            if (comments.latest(api, thread, refusedPrefix(command)).isPresent()) {
                return done(command, RunOutcome.COMMAND_IGNORED, "answered " + command.commenter() + " before");
            }
            return answer(api, thread, command, ApplyDecision.mayNotPush(role).text());
        }
        if (api.writes().dryRun()) {
            LOG.info("DRY_RUN: would react to the comment {} on {}", command.commentId(), repository);
        } else {
            reactions.acknowledge(api, repository, command.commentId());
        }
        RepoSettings settings = repositorySettings.read(api, repository).settings();
        PullRequests.PullRequest pr = pullRequests.get(api, repository, command.pullRequest());
        ApplyDecision decision = ApplyDecision.decide(new ApplyDecision.Request(
                command.commenter(),
                command.commenterType(),
                role,
                settings.apply(),
                pr.open(),
                repository,
                pr.headRepository(),
                pr.headBranch(),
                pr.maintainerCanModify(),
                pr.headBranch().equals(pr.headDefaultBranch()),
                pr.open()
                        && pr.headRepository() != null
                        && branches.isProtected(api, pr.headRepository(), pr.headBranch())));
        if (decision instanceof ApplyDecision.Ignore ignore) {
            return done(command, RunOutcome.COMMAND_IGNORED, ignore.reason());
        }
        if (decision instanceof ApplyDecision.Answer answer) {
            return answer(api, thread, command, answer.text());
        }
        ApplyDecision.Commit target = (ApplyDecision.Commit) decision;
        Optional<StickyComments.Ours> ours = comments.latest(api, thread, CommentMarker.prefix());
        Optional<Matcher> run = ours.map(comment -> RUN.matcher(comment.body())).filter(Matcher::find);
        if (ours.isEmpty() || run.isEmpty() || ours.get().body().contains("### pipfix: resolved")) {
            return answer(
                    api,
                    thread,
                    command,
                    ours.isPresent() && ours.get().body().contains("### pipfix: resolved")
                            ? "The workflow passes now: pipfix has no fix to commit."
                            : "pipfix has not proposed a fix on this pull request: it comments when a run fails"
                                    + " because an installer was not allowed to write, and `/pipfix apply` commits"
                                    + " that comment's patch.");
        }
        long runId = Long.parseLong(run.get().group(1));
        long attempt = Long.parseLong(run.get().group(2));
        Optional<Rebuilt> rebuilt = rebuild(api, repository, runId, attempt, settings);
        if (rebuilt.isEmpty()) {
            return answer(
                    api,
                    thread,
                    command,
                    "The logs of run " + runId + " no longer show the failure pipfix reported (they may have expired),"
                            + " so there is no patch to rebuild: apply the patch in pipfix's comment with `git apply`.");
        }
        Rebuilt fix = rebuilt.get();
        String key = FixCommitMessage.key(
                repository, runId, attempt, fix.path(), fix.job().name());
        String marker = CommentMarker.of(ours.get().body()).orElseThrow();
        String requestedIn = "https://github.com/" + repository + "/pull/" + command.pullRequest() + "#issuecomment-"
                + command.commentId();
        Optional<FixCommits.Commit> earlier = fixCommits.find(
                api,
                target.repository(),
                target.branch(),
                fix.path(),
                clients.app().account(),
                message -> FixCommitMessage.keyOf(message).filter(key::equals).isPresent());
        if (earlier.isPresent()) {
            // this command's own commit when the task is retried after a crash or a failed comment edit
            link(api, thread, marker, earlier.get(), command);
            return answer(
                    api,
                    thread,
                    command,
                    FixCommitMessage.requestedIn(earlier.get().message(), requestedIn)
                            ? committed(target, earlier.get())
                            : "The fix is on the branch already: "
                                    + earlier.get().htmlUrl() + ".",
                    RunOutcome.FIX_COMMITTED);
        }
        WorkflowFiles.FileAt file = workflowFiles.readAt(api, target.repository(), fix.path(), target.branch());
        WorkflowFix patch = RunFixes.fix(
                        fix.finding(),
                        new RunFixes.Workflow(
                                fix.path(),
                                file.text(),
                                fix.job().name(),
                                fix.job().failedStep().map(JobStep::name).orElse(null)),
                        RunFixes.Preference.of(settings))
                .orElseThrow();
        if (!patch.hasDiff()) {
            return answer(
                    api,
                    thread,
                    command,
                    Message.of("Nothing to commit: at the head of {} ", target.branch())
                            .then(patch.note())
                            .then(Message.of("."))
                            .markdown());
        }
        if (api.writes().dryRun()) {
            return answer(
                    api,
                    thread,
                    command,
                    Message.of("(dry run) pipfix would commit its patch of {} to {}.", fix.path(), target.branch())
                            .markdown());
        }
        FixCommits.Commit commit;
        try {
            commit = fixCommits.commit(
                    api,
                    target.repository(),
                    target.branch(),
                    fix.path(),
                    patch.patched(),
                    file.blobSha(),
                    FixCommitMessage.of(
                            fix.finding(), patch.strategy(), fix.path(), patch.step(), fix.runUrl(), key, requestedIn));
        } catch (GitHubApiException e) {
            if (e.status() == 409) {
                return answer(
                        api,
                        thread,
                        command,
                        "The branch changed " + Markdown.codeSpan(fix.path())
                                + " while pipfix worked: nothing was committed; ask" + " again.");
            }
            if (e.status() == 403 || e.status() == 404) {
                return answer(
                        api,
                        thread,
                        command,
                        "GitHub refused the commit (" + e.status() + "): committing a workflow file needs the App's"
                                + " `contents: write` and `workflows: write` permissions, granted in the App's"
                                + " settings (Permissions & events) and accepted on this installation"
                                + (target.repository().equalsIgnoreCase(repository)
                                        ? ""
                                        : ", and GitHub lets an App push to a fork's branch only where the fork"
                                                + " allows it")
                                + ". Until then, apply the patch in pipfix's comment with `git apply`.");
            }
            throw e;
        }
        link(api, thread, marker, commit, command);
        return answer(api, thread, command, committed(target, commit), RunOutcome.FIX_COMMITTED);
    }

    /**
     * Why the command is no longer one to act on: its comment is gone, no longer the command, by someone else than
     * the delivery said, or older than the deliveries pipfix remembers (a captured delivery sent again later would
     * otherwise be carried out again).
     */
    private Optional<String> stale(GitHubApi api, FixCommand command) throws IOException {
        Optional<CommandComments.Comment> now = commandComments.read(api, command.repository(), command.commentId());
        if (now.isEmpty()) {
            return Optional.of("the command's comment is gone");
        }
        if (!ApplyCommand.isCommand(now.get().body())) {
            return Optional.of("the comment is no longer a /pipfix apply");
        }
        if (!now.get().author().equalsIgnoreCase(command.commenter())) {
            return Optional.of("the comment's author is not the one the delivery named");
        }
        if (now.get().createdAt().isBefore(clock.instant().minus(Retention.DEDUPLICATION))) {
            return Optional.of("the command is older than the " + Retention.DEDUPLICATION.toDays()
                    + " days pipfix remembers deliveries for");
        }
        return Optional.empty();
    }

    /** How pipfix's answer to someone who may not push starts: found again, it is not repeated. */
    private static String refusedPrefix(FixCommand command) {
        return "@" + command.commenter() + " " + ApplyDecision.MAY_NOT_PUSH;
    }

    private static String committed(ApplyDecision.Commit target, FixCommits.Commit commit) {
        return "Committed the fix to " + Markdown.codeSpan(target.branch()) + ": " + commit.htmlUrl()
                + ". The workflow runs again on" + " it.";
    }

    /** The run's first finding that a change to the workflow fixes, with its job and the strategy. */
    private Optional<Rebuilt> rebuild(GitHubApi api, String repository, long runId, long attempt, RepoSettings settings)
            throws IOException {
        Runs.Run run = runs.run(api, repository, runId, Optional.of(attempt));
        String path = WorkflowFiles.stripRef(run.path());
        if (path.isBlank()) {
            return Optional.empty();
        }
        for (WorkflowJob job : runJobs.ofAttempt(api, repository, runId, attempt)) {
            if (!job.failed()) {
                continue;
            }
            // the finding the comment's patch was for, as the comment chose it
            Optional<Finding> finding = RunFixes.findingOf(jobLogs.scan(api, repository, job.id(), detector)
                    .diagnosis()
                    .findings());
            if (finding.isPresent()
                    && Fixes.strategyFor(finding.get(), settings.fix()).isPresent()) {
                return Optional.of(new Rebuilt(finding.get(), job, path, run.htmlUrl()));
            }
        }
        return Optional.empty();
    }

    /** pipfix's comment gets a line linking the commit, once. */
    private void link(GitHubApi api, CommentThread thread, String marker, FixCommits.Commit commit, FixCommand command)
            throws IOException {
        String line = "\n**Applied:** " + commit.htmlUrl() + ", at the request of @" + command.commenter() + ".\n";
        comments.editIfPresent(
                api, thread, marker, previous -> previous.contains(commit.htmlUrl()) ? previous : previous + line);
    }

    private RunResult answer(GitHubApi api, CommentThread thread, FixCommand command, String text) throws IOException {
        return answer(api, thread, command, text, RunOutcome.COMMAND_ANSWERED);
    }

    private RunResult answer(GitHubApi api, CommentThread thread, FixCommand command, String text, RunOutcome outcome)
            throws IOException {
        comments.reply(api, thread, "@" + command.commenter() + " " + text);
        return done(command, outcome, text);
    }

    private static RunResult done(FixCommand command, RunOutcome outcome, String detail) {
        LOG.atInfo()
                .setMessage("command")
                .addKeyValue("delivery", command.deliveryId())
                .addKeyValue("repo", command.repository())
                .addKeyValue("pr", command.pullRequest())
                .addKeyValue("comment", command.commentId())
                .addKeyValue("outcome", outcome.id())
                .addKeyValue("detail", detail)
                .log();
        return new RunResult(outcome, detail);
    }
}
