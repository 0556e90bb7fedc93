package dev.pipfix.app;

import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.github.AppApi;
import dev.pipfix.github.AppJwt;
import dev.pipfix.github.GitHubClients;
import dev.pipfix.github.GitHubConnection;
import dev.pipfix.github.JobLogs;
import dev.pipfix.github.OwnerSignIn;
import dev.pipfix.github.PullRequests;
import dev.pipfix.github.RunJobs;
import dev.pipfix.github.StickyComments;
import dev.pipfix.github.WorkflowFiles;
import dev.pipfix.metrics.Metrics;
import dev.pipfix.queue.BatchingIntake;
import dev.pipfix.queue.CommentThreads;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.DeliveryLog;
import dev.pipfix.queue.DeliveryResult;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.queue.ReachableDatabase;
import dev.pipfix.queue.Retention;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.web.OwnerAccess;
import dev.pipfix.web.SessionCookies;
import dev.pipfix.web.Status;
import dev.pipfix.web.WebhookReceiver;
import dev.pipfix.web.WebhookSignature;
import dev.pipfix.worker.Alongside;
import dev.pipfix.worker.ApplyFix;
import dev.pipfix.worker.CatchUp;
import dev.pipfix.worker.GitHubRetryPolicy;
import dev.pipfix.worker.Housekeeping;
import dev.pipfix.worker.InstallationRunClient;
import dev.pipfix.worker.ProcessCompletedRun;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The parts that act as the GitHub App and so need its credentials: the webhook's receiver, the queue and its
 * worker, catch-up. Built at start-up when the credentials are there, or when the setup page has just received them.
 */
final class ActiveApp implements AutoCloseable {

    /** How long the status page reuses what GitHub said about the App, so that reloading it costs no API calls. */
    private static final Duration APP_INFO_REUSE = Duration.ofMinutes(1);

    private static final int STATUS_DELIVERIES = 25;
    /** How long a request waits for the commit that stores its delivery before it answers 503. */
    private static final Duration INTAKE_WAIT = Duration.ofSeconds(10);

    private final Config config;
    private final Clock clock;
    private final AppApi app;
    private final Alongside alongside;
    private final DeliveryLog deliveries;
    private final DurableRunQueue queue;
    private final BatchingIntake intake;
    private final WebhookReceiver receiver;
    private final OwnerAccess access;
    private final AtomicReference<AppInfoSnapshot> appInfo = new AtomicReference<>();

    private record AppInfoSnapshot(
            Instant at, AppApi.AppInfo app, List<AppApi.Installation> installations, String problem) {}

    ActiveApp(
            Config config,
            Clock clock,
            PipfixServer.Options options,
            GitHubConnection github,
            DataSource dataSource,
            ReachableDatabase reachable,
            Database.Dialect dialect,
            Metrics metrics) {
        this.config = config;
        this.clock = clock;
        GitHubClients clients =
                new GitHubClients(github, new AppJwt(config.appId(), config.privateKey(), clock), clock);
        this.app = clients.app();
        this.alongside = new Alongside(options.queue().threads());
        StickyComments comments = new StickyComments(clients.app().account());
        ProcessCompletedRun worker = new ProcessCompletedRun(
                new InstallationRunClient(clients, clock),
                new RunJobs(),
                new JobLogs(JobLogs.DEFAULT_MAX_BYTES),
                new PullRequests(),
                comments,
                new CommentThreads(dataSource, dialect, clock),
                new LogScanner(),
                new CommentRenderer(),
                new WorkflowFiles(),
                metrics,
                alongside);
        this.deliveries = new DeliveryLog(dataSource);
        this.queue = new DurableRunQueue(
                dataSource,
                dialect,
                worker,
                new ApplyFix(clients, comments, new LogScanner(), clock)::handle,
                new GitHubRetryPolicy(
                        options.retryBaseDelay(), options.retryMaxDelay(), options.maxAttempts(), new SecureRandom()),
                options.queue(),
                new Housekeeping(
                        new CatchUp(app, deliveries, clock),
                        new Retention(dataSource, Retention.DEDUPLICATION, Retention.FAILURES),
                        clock),
                clock);
        this.intake = new BatchingIntake(reachable, queue, INTAKE_WAIT, dialect.intakeWriters());
        metrics.intake(intake, BatchingIntake::commits);
        metrics.queue(queue::pending, queue::executing, () -> {
            try {
                return queue.failedTasks().count();
            } catch (SQLException e) {
                return Double.NaN;
            }
        });
        WebhookSignature signature =
                config.webhookSecret() == null ? null : new WebhookSignature(config.webhookSecret());
        this.receiver = new WebhookReceiver(signature, intake, clock);
        this.access = new OwnerAccess(
                config.oauthClient()
                        .map(client -> new OwnerSignIn(github, client.clientId(), client.clientSecret(), app)),
                config.oauthClient()
                        .map(client -> new SessionCookies(
                                client.clientSecret(), clock, config.publicUrl().startsWith("https://"))),
                config.adminToken(),
                config.publicUrl());
    }

    OwnerAccess access() {
        return access;
    }

    void start() {
        queue.start();
    }

    WebhookReceiver receiver() {
        return receiver;
    }

    DurableRunQueue queue() {
        return queue;
    }

    Status status() {
        AppInfoSnapshot snapshot = appInfo();
        List<Status.Installation> installations = snapshot.installations().stream()
                .map(i -> new Status.Installation(
                        i.account(),
                        i.accountType(),
                        "selected".equals(i.repositorySelection()) ? "selected repositories" : "all repositories",
                        i.htmlUrl()))
                .toList();
        List<Status.DeliveryRow> rows = deliveries.recent(STATUS_DELIVERIES).stream()
                .map(entry -> new Status.DeliveryRow(entry, outcome(entry)))
                .toList();
        int failed;
        try {
            failed = queue.failedTasks().count();
        } catch (SQLException e) {
            failed = -1;
        }
        return new Status(
                snapshot.app() == null ? null : snapshot.app().name(),
                snapshot.app() == null ? null : snapshot.app().htmlUrl(),
                installations,
                snapshot.problem(),
                rows,
                queue.pending(),
                failed,
                config.dryRun(),
                Optional.ofNullable(snapshot.app()).map(AppApi.AppInfo::grants));
    }

    /** In words: what the delivery came to, as far as it has got. */
    static String outcome(DeliveryLog.Entry entry) {
        if (DeliveryResult.DUPLICATE.id().equals(entry.result())) {
            // the run's outcome belongs to the delivery that queued it
            return entry.run() == null ? "duplicate delivery" : "duplicate: its run was queued before";
        }
        if (entry.failure() != null) {
            return "failed: " + entry.failure();
        }
        if (entry.outcome() != null) {
            return entry.detail() == null || entry.detail().isBlank()
                    ? entry.outcome()
                    : entry.outcome() + " (" + entry.detail() + ")";
        }
        return DeliveryResult.QUEUED.id().equals(entry.result()) ? "waiting to be read" : entry.result();
    }

    private AppInfoSnapshot appInfo() {
        Instant now = clock.instant();
        AppInfoSnapshot snapshot = appInfo.get();
        if (snapshot != null && snapshot.at().plus(APP_INFO_REUSE).isAfter(now)) {
            return snapshot;
        }
        try {
            snapshot = new AppInfoSnapshot(now, app.app(), app.installations(), null);
        } catch (IOException e) {
            snapshot = new AppInfoSnapshot(now, null, List.of(), e.getMessage());
        }
        appInfo.set(snapshot);
        return snapshot;
    }

    /** Stops taking deliveries (those in flight are stored first), then lets running work finish. */
    @Override
    public void close() {
        intake.close();
        queue.close();
        alongside.close();
    }
}
