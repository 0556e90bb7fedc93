package dev.pipfix.worker;

import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogDetector;
import dev.pipfix.fix.RunFixes;
import dev.pipfix.github.CommentOutcome;
import dev.pipfix.github.CommentThread;
import dev.pipfix.github.GitHubApi;
import dev.pipfix.github.JobLogs;
import dev.pipfix.github.JobStep;
import dev.pipfix.github.PullRequests;
import dev.pipfix.github.RunJobs;
import dev.pipfix.github.ScannedLog;
import dev.pipfix.github.StickyComments;
import dev.pipfix.github.WorkflowFiles;
import dev.pipfix.github.WorkflowJob;
import dev.pipfix.metrics.Metrics;
import dev.pipfix.queue.CommentThreads;
import dev.pipfix.queue.CommentTurns;
import dev.pipfix.queue.CompletedRun;
import dev.pipfix.queue.RunHandler;
import dev.pipfix.queue.RunOutcome;
import dev.pipfix.queue.RunResult;
import dev.pipfix.report.ApplyOptions;
import dev.pipfix.report.CommentMarker;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.report.FailedJob;
import dev.pipfix.report.RunReport;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.settings.RepoSettingsFile;
import dev.pipfix.text.Message;
import dev.pipfix.workflow.WorkflowFix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work for one completed run. A failed run: the attempt's failed jobs, their logs through the engine, the run's
 * pull requests, the workflow file's patch, and one comment on each pull request. A passing run: an earlier comment
 * of this workflow on each pull request is marked resolved. The knowledge lives in the pure core; this class only moves values between
 * GitHub and it.
 */
public final class ProcessCompletedRun implements RunHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCompletedRun.class);

    private final RunClient clients;
    private final RunJobs runJobs;
    private final JobLogs jobLogs;
    private final PullRequests pullRequests;
    private final StickyComments comments;
    private final CommentTurns threads;
    private final LogDetector detector;
    private final CommentRenderer renderer;
    private final WorkflowFiles workflowFiles;
    private final Metrics metrics;
    private final RepositorySettings repositorySettings = new RepositorySettings();
    private final Alongside alongside;
    private final DiffSuggestion suggestion;

    public ProcessCompletedRun(
            RunClient clients,
            RunJobs runJobs,
            JobLogs jobLogs,
            PullRequests pullRequests,
            StickyComments comments,
            CommentTurns threads,
            LogDetector detector,
            CommentRenderer renderer,
            WorkflowFiles workflowFiles,
            Metrics metrics,
            Alongside alongside) {
        this.alongside = alongside;
        this.threads = threads;
        this.metrics = metrics;
        this.clients = clients;
        this.runJobs = runJobs;
        this.jobLogs = jobLogs;
        this.pullRequests = pullRequests;
        this.comments = comments;
        this.detector = detector;
        this.renderer = renderer;
        this.workflowFiles = workflowFiles;
        this.suggestion = new DiffSuggestion(comments.suggestions(), pullRequests, renderer);
    }

    @Override
    public RunResult handle(CompletedRun run) throws IOException {
        long started = System.nanoTime();
        GitHubApi client = clients.forRun(run);
        // a failed run needs its jobs whatever the settings say (unless they switch pipfix off, which is rare):
        // the two calls go out together
        Optional<CompletableFuture<List<WorkflowJob>>> jobs = run.succeeded()
                ? Optional.empty()
                : Optional.of(alongside.call(
                        () -> runJobs.ofAttempt(client, run.repository(), run.runId(), run.runAttempt())));
        RepoSettingsFile.Parsed settings = repositorySettings.read(client, run.repository());
        if (!settings.settings().enabled()) {
            settle(jobs);
            return log(run, RunOutcome.DISABLED, RepoSettings.PATH + " says enabled: false", started);
        }
        if (!settings.settings().watches(run.workflowName(), run.workflowPath())) {
            settle(jobs);
            return log(
                    run,
                    RunOutcome.NOT_WATCHED,
                    "the workflow is not among " + RepoSettings.PATH + "'s workflows",
                    started);
        }
        if (jobs.isEmpty()) {
            return resolve(client, run, settings.settings(), started);
        }
        List<FailedJob> diagnosed = new ArrayList<>();
        for (WorkflowJob job : Alongside.join(jobs.get())) {
            if (job.failed()) {
                diagnosed.add(diagnose(client, run, job));
            }
        }
        if (diagnosed.stream().allMatch(job -> job.findings().isEmpty())) {
            return log(
                    run,
                    RunOutcome.NO_FINDING,
                    diagnosed.size() + " failed job(s), no installer permission error",
                    started);
        }
        int findings = diagnosed.stream().mapToInt(job -> job.findings().size()).sum();
        List<Integer> numbers = pullRequestsOf(client, run);
        if (numbers.isEmpty() && !settings.settings().commentOnPush()) {
            return log(run, RunOutcome.NO_PULL_REQUEST, "findings, but no open pull request for this run", started)
                    .withFindings(findings);
        }
        WorkflowText workflow = workflowText(client, run, WorkflowFiles.stripRef(run.workflowPath()));
        RunReport report = new RunReport(
                run.workflowName(),
                run.workflowId(),
                run.runNumber(),
                run.runAttempt(),
                run.runHtmlUrl(),
                withFixes(run, diagnosed, settings.settings(), workflow),
                settings.problems(),
                settings.settings().venvPath(),
                settings.settings().fix());
        String marker = CommentMarker.forWorkflow(run.workflowId());
        if (numbers.isEmpty()) {
            String body = renderer.render(report);
            // comment_on: push, and the run has no pull request: its commit gets the comment
            CommentThread commit = CommentThread.commit(run.repository(), run.headSha());
            Wrote wrote = inTurn(
                    commit,
                    marker,
                    run,
                    Optional.of(digest(body)),
                    known -> comments.upsert(client, commit, marker, body, known));
            RunResult result = log(
                            run,
                            RunOutcome.COMMENTED,
                            "commit " + run.headSha().substring(0, 7) + "=" + counted(wrote.outcome()),
                            started)
                    .withComment(body, wrote.url(run, commit).stream().toList(), findings);
            return wrote.outcome() == CommentOutcome.DRY_RUN ? result.withDryRunComment(body) : result;
        }
        List<String> outcomes = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        boolean dryRun = false;
        Optional<WorkflowFix> patch = report.firstPatch();
        boolean command = patch.isPresent() && settings.settings().apply() && clients.takesApplyCommand(run);
        // each pull request's comment names its own suggestion; the result carries the first pull request's
        List<String> bodies = new ArrayList<>();
        for (int number : numbers) {
            String body = renderer.render(
                    report.withApply(applyOptions(client, run, number, report, patch, workflow, command)));
            bodies.add(body);
            CommentThread pullRequest = CommentThread.pullRequest(run.repository(), number);
            Wrote wrote = inTurn(
                    pullRequest,
                    marker,
                    run,
                    Optional.of(digest(body)),
                    known -> comments.upsert(client, pullRequest, marker, body, known));
            outcomes.add("#" + number + "=" + counted(wrote.outcome()));
            wrote.url(run, pullRequest).ifPresent(urls::add);
            dryRun |= wrote.outcome() == CommentOutcome.DRY_RUN;
        }
        RunResult result = log(run, RunOutcome.COMMENTED, String.join(",", outcomes), started)
                .withComment(bodies.get(0), urls, findings);
        return dryRun ? result.withDryRunComment(bodies.get(0)) : result;
    }

    /** The ways to apply the report's first patch on one pull request: a suggestion on its diff, the command. */
    private ApplyOptions applyOptions(
            GitHubApi client,
            CompletedRun run,
            int number,
            RunReport report,
            Optional<WorkflowFix> patch,
            WorkflowText workflow,
            boolean command)
            throws IOException {
        if (patch.isEmpty() || workflow.text().isEmpty()) {
            return ApplyOptions.byHand();
        }
        return new ApplyOptions(
                patch.get().diff(),
                suggestion.place(
                        client,
                        run,
                        number,
                        report,
                        patch.get(),
                        workflow.text().get()),
                command);
    }

    /**
     * Waits for the jobs list that went out beside the settings file, whatever it answered: no request of a run
     * outlives the run's task.
     */
    private static void settle(Optional<CompletableFuture<List<WorkflowJob>>> jobs) {
        jobs.ifPresent(call -> call.handle((answer, error) -> null).join());
    }

    /** A passing run edits an earlier comment of this workflow on the pull request to say it is resolved. */
    private RunResult resolve(GitHubApi client, CompletedRun run, RepoSettings settings, long started)
            throws IOException {
        List<Integer> numbers = pullRequestsOf(client, run);
        RunReport passing = new RunReport(
                run.workflowName(), run.workflowId(), run.runNumber(), run.runAttempt(), run.runHtmlUrl(), List.of());
        String marker = CommentMarker.forWorkflow(run.workflowId());
        if (numbers.isEmpty() && settings.commentOnPush()) {
            // a re-run that passes on the same commit resolves the commit's comment
            CommentOutcome outcome =
                    resolveIn(client, CommentThread.commit(run.repository(), run.headSha()), marker, run, passing);
            return log(
                    run,
                    RunOutcome.RESOLVED,
                    "commit " + run.headSha().substring(0, 7) + "=" + counted(outcome),
                    started);
        }
        if (numbers.isEmpty()) {
            return log(run, RunOutcome.NO_PULL_REQUEST, "passed, no open pull request for this run", started);
        }
        List<String> outcomes = new ArrayList<>();
        for (int number : numbers) {
            CommentOutcome outcome =
                    resolveIn(client, CommentThread.pullRequest(run.repository(), number), marker, run, passing);
            outcomes.add("#" + number + "=" + counted(outcome));
        }
        return log(run, RunOutcome.RESOLVED, String.join(",", outcomes), started);
    }

    /** Marks the thread's comment of an earlier failure resolved, when there is one. */
    private CommentOutcome resolveIn(
            GitHubApi client, CommentThread thread, String marker, CompletedRun run, RunReport passing)
            throws IOException {
        return inTurn(
                        thread,
                        marker,
                        run,
                        Optional.empty(),
                        known -> comments.editIfPresent(
                                client, thread, marker, previous -> renderer.resolved(previous, passing)))
                .outcome();
    }

    private List<Integer> pullRequestsOf(GitHubApi client, CompletedRun run) throws IOException {
        return run.fromFork()
                ? pullRequests.openFromFork(client, run.repository(), run.headOwner(), run.headBranch(), run.headSha())
                : run.pullRequests();
    }

    /** The workflow file as committed at the run's head, or why it could not be read. */
    private record WorkflowText(Optional<String> text, Message unreadable) {}

    private WorkflowText workflowText(GitHubApi client, CompletedRun run, String path) {
        if ("dynamic".equals(run.event()) || path.isBlank()) {
            return new WorkflowText(
                    Optional.empty(), Message.of("this run has no workflow file (event {})", run.event()));
        }
        try {
            return new WorkflowText(
                    Optional.of(workflowFiles.read(client, run.repository(), path, run.headSha())), Message.of(""));
        } catch (IOException e) {
            Message unreadable =
                    Message.of("the workflow file could not be read at {} ({})", run.headSha(), e.getMessage());
            LOG.warn("delivery={} repo={} run={}: {}", run.deliveryId(), run.repository(), run.runId(), unreadable);
            return new WorkflowText(Optional.empty(), unreadable);
        }
    }

    /** The workflow change for each job's first finding, from the file as committed at the run's head. */
    private List<FailedJob> withFixes(
            CompletedRun run, List<FailedJob> jobs, RepoSettings settings, WorkflowText workflow) {
        String path = WorkflowFiles.stripRef(run.workflowPath());
        List<FailedJob> fixed = new ArrayList<>();
        for (FailedJob job : jobs) {
            if (job.findings().isEmpty()) {
                continue;
            }
            Finding finding = RunFixes.findingOf(job.findings()).orElseThrow();
            // an unreadable file still gets a request: the patcher answers with the change to make by hand
            Optional<WorkflowFix> fix = RunFixes.fix(
                            finding,
                            new RunFixes.Workflow(
                                    path.isBlank() ? "(no workflow file)" : path,
                                    workflow.text().orElse(""),
                                    job.name(),
                                    job.failedStep().orElse(null)),
                            RunFixes.Preference.of(settings))
                    .map(patched -> workflow.text().isPresent() ? patched : patched.withoutDiff(workflow.unreadable()));
            fixed.add(new FailedJob(
                    job.name(),
                    job.htmlUrl(),
                    job.failedStep(),
                    job.failedStepNumber(),
                    job.findings(),
                    job.logTruncated(),
                    fix));
        }
        return fixed;
    }

    private FailedJob diagnose(GitHubApi client, CompletedRun run, WorkflowJob job) throws IOException {
        ScannedLog log = jobLogs.scan(client, run.repository(), job.id(), detector);
        List<Finding> findings = log.diagnosis().findings();
        metrics.logBytesScanned(log.diagnosis().bytes());
        findings.forEach(
                finding -> metrics.finding(finding.kind().id(), finding.cause().id()));
        Optional<JobStep> failedStep = job.failedStep();
        LOG.debug(
                "delivery={} job={} bytes={} lines={} truncated={} findings={}",
                run.deliveryId(),
                job.id(),
                log.diagnosis().bytes(),
                log.diagnosis().lines(),
                log.truncated(),
                findings.size());
        return new FailedJob(
                job.name(),
                job.htmlUrl(),
                failedStep.map(JobStep::name),
                failedStep.map(JobStep::number).orElse(0),
                findings,
                log.truncated(),
                Optional.empty());
    }

    /** One write to a comment thread, given the comment's id when the thread knows it. */
    @FunctionalInterface
    private interface ThreadWrite {
        StickyComments.Written write(Optional<Long> known) throws IOException;
    }

    /** What a turn did to a thread's comment, and the comment's id when there is one. */
    private record Wrote(CommentOutcome outcome, Optional<Long> commentId) {

        /** The comment's page on GitHub: the run's repository page with the thread and the comment's anchor. */
        Optional<String> url(CompletedRun run, CommentThread thread) {
            int actions = run.runHtmlUrl() == null ? -1 : run.runHtmlUrl().indexOf("/actions/runs/");
            if (commentId.isEmpty() || actions < 0) {
                return Optional.empty();
            }
            String repository = run.runHtmlUrl().substring(0, actions);
            return Optional.of(
                    thread.id().startsWith("pr:")
                            ? repository + "/pull/" + thread.id().substring(3) + "#issuecomment-" + commentId.get()
                            : repository + "/commit/" + run.headSha() + "#commitcomment-" + commentId.get());
        }
    }

    /**
     * Writes a thread's comment in its turn, so that runs finishing together make one comment: a newer run's text
     * stays, and the text the thread last wrote is not sent again.
     *
     * @param digest the SHA-256 of the text to write, when it is known before the comment is read
     */
    private Wrote inTurn(
            CommentThread thread, String marker, CompletedRun run, Optional<String> digest, ThreadWrite write)
            throws IOException {
        CommentThreads.Key key = new CommentThreads.Key(thread.repository(), thread.id(), marker);
        CommentThreads.RunStamp stamp = new CommentThreads.RunStamp(run.runId(), run.runAttempt());
        return threads.inTurn(key, state -> {
            if (state.writtenBy().compareTo(stamp) > 0) {
                return new CommentThreads.Turn<>(new Wrote(CommentOutcome.SUPERSEDED, state.commentId()), state);
            }
            if (state.commentId().isPresent() && digest.isPresent() && digest.equals(state.bodySha256())) {
                return new CommentThreads.Turn<>(new Wrote(CommentOutcome.UNCHANGED, state.commentId()), state);
            }
            StickyComments.Written written = write.write(state.commentId());
            if (written.outcome() == CommentOutcome.DRY_RUN
                    || written.commentId().isEmpty()) {
                return new CommentThreads.Turn<>(new Wrote(written.outcome(), written.commentId()), state);
            }
            return new CommentThreads.Turn<>(
                    new Wrote(written.outcome(), written.commentId()),
                    new CommentThreads.State(written.commentId(), digest, stamp));
        });
    }

    private static String digest(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The comment's outcome in words, counted for the metrics. */
    private String counted(CommentOutcome outcome) {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        metrics.comment(name);
        return name;
    }

    private RunResult log(CompletedRun run, RunOutcome outcome, String detail, long startedNanos) {
        metrics.runFinished(outcome.id(), Duration.ofNanos(System.nanoTime() - startedNanos));
        LOG.atInfo()
                .setMessage("run")
                .addKeyValue("delivery", run.deliveryId())
                .addKeyValue("repo", run.repository())
                .addKeyValue("run", run.runId())
                .addKeyValue("attempt", run.runAttempt())
                .addKeyValue("outcome", outcome.id())
                .addKeyValue("detail", detail)
                .addKeyValue("duration_ms", (System.nanoTime() - startedNanos) / 1_000_000)
                .log();
        return new RunResult(outcome, detail);
    }
}
