package dev.pipfix.worker;

import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogDetector;
import dev.pipfix.github.AppApi;
import dev.pipfix.github.CommentOutcome;
import dev.pipfix.github.GitHubClients;
import dev.pipfix.github.InstallationClient;
import dev.pipfix.github.JobLogs;
import dev.pipfix.github.JobStep;
import dev.pipfix.github.ScannedLog;
import dev.pipfix.github.PullRequests;
import dev.pipfix.github.RunJobs;
import dev.pipfix.github.StickyComments;
import dev.pipfix.github.WorkflowJob;
import dev.pipfix.queue.FailedRun;
import dev.pipfix.queue.RunHandler;
import dev.pipfix.report.CommentMarker;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.report.FailedJob;
import dev.pipfix.report.RunReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work for one failed run: the attempt's failed jobs, their logs through the detector, the run's pull
 * requests, and one comment on each. The knowledge lives in the pure core; this class only moves values between
 * GitHub and it.
 */
public final class ProcessFailedRun implements RunHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessFailedRun.class);

    private final AppApi app;
    private final GitHubClients clients;
    private final RunJobs runJobs;
    private final JobLogs jobLogs;
    private final PullRequests pullRequests;
    private final StickyComments comments;
    private final LogDetector detector;
    private final CommentRenderer renderer;

    public ProcessFailedRun(AppApi app, GitHubClients clients, RunJobs runJobs, JobLogs jobLogs, PullRequests pullRequests,
            StickyComments comments, LogDetector detector, CommentRenderer renderer) {
        this.app = app;
        this.clients = clients;
        this.runJobs = runJobs;
        this.jobLogs = jobLogs;
        this.pullRequests = pullRequests;
        this.comments = comments;
        this.detector = detector;
        this.renderer = renderer;
    }

    @Override
    public void handle(FailedRun run) throws IOException {
        long started = System.nanoTime();
        long installationId = run.installationId() != null
                ? run.installationId()
                : app.installationIdFor(run.repository());
        InstallationClient client = clients.forInstallation(installationId);
        List<FailedJob> diagnosed = new ArrayList<>();
        for (WorkflowJob job : runJobs.ofAttempt(client, run.repository(), run.runId(), run.runAttempt())) {
            if (job.failed()) {
                diagnosed.add(diagnose(client, run, job));
            }
        }
        RunReport report = new RunReport(run.workflowName(), run.workflowId(), run.runNumber(), run.runAttempt(),
                run.runHtmlUrl(), diagnosed);
        if (!report.hasFindings()) {
            log(run, "no-finding", diagnosed.size() + " failed job(s), no pip permission error", started);
            return;
        }
        List<Integer> numbers = run.fromFork()
                ? pullRequests.openFromFork(client, run.repository(), run.headOwner(), run.headBranch(),
                        run.headSha())
                : run.pullRequests();
        if (numbers.isEmpty()) {
            log(run, "no-pull-request", "findings, but no open pull request for this run", started);
            return;
        }
        String body = renderer.render(report);
        String marker = CommentMarker.forWorkflow(run.workflowId());
        List<String> outcomes = new ArrayList<>();
        for (int number : numbers) {
            CommentOutcome outcome = comments.upsert(client, run.repository(), number, marker, body);
            outcomes.add("#" + number + "=" + outcome.name().toLowerCase());
        }
        log(run, "commented", String.join(",", outcomes), started);
    }

    private FailedJob diagnose(InstallationClient client, FailedRun run, WorkflowJob job) throws IOException {
        ScannedLog log = jobLogs.scan(client, run.repository(), job.id(), detector);
        List<Finding> findings = log.diagnosis().findings();
        Optional<JobStep> failedStep = job.failedStep();
        LOG.debug("delivery={} job={} bytes={} lines={} truncated={} findings={}", run.deliveryId(), job.id(),
                log.diagnosis().bytes(), log.diagnosis().lines(), log.truncated(), findings.size());
        return new FailedJob(job.name(), job.htmlUrl(), failedStep.map(JobStep::name).orElse(null),
                failedStep.map(JobStep::number).orElse(0), findings, log.truncated());
    }

    private static void log(FailedRun run, String outcome, String detail, long startedNanos) {
        LOG.info("delivery={} repo={} run={} attempt={} outcome={} detail=\"{}\" duration_ms={}",
                run.deliveryId(), run.repository(), run.runId(), run.runAttempt(), outcome, detail,
                (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
