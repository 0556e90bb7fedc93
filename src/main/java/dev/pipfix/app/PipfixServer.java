package dev.pipfix.app;

import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.github.AppApi;
import dev.pipfix.github.AppJwt;
import dev.pipfix.github.GitHubClients;
import dev.pipfix.github.InstallationTokens;
import dev.pipfix.github.JobLogs;
import dev.pipfix.github.PullRequests;
import dev.pipfix.github.RunJobs;
import dev.pipfix.github.StickyComments;
import dev.pipfix.github.WorkflowFiles;
import dev.pipfix.queue.InProcessRunQueue;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.web.WebApp;
import dev.pipfix.web.WebhookReceiver;
import dev.pipfix.web.WebhookSignature;
import dev.pipfix.worker.ProcessCompletedRun;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires pipfix together from its {@link Config}: the one place that knows every part. */
public final class PipfixServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipfixServer.class);
    private static final int WORKER_THREADS = 4;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WORK_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final Config config;
    private final OkHttpClient http;
    private final InProcessRunQueue queue;
    private final Javalin web;

    public PipfixServer(Config config, Clock clock) {
        this.config = config;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        AppApi app = new AppApi(http, config.githubApiUrl(), new AppJwt(config.appId(), config.privateKey(), clock));
        InstallationTokens tokens = new InstallationTokens(app, clock);
        ProcessCompletedRun worker = new ProcessCompletedRun(
                app,
                new GitHubClients(http, config.githubApiUrl(), tokens),
                new RunJobs(),
                new JobLogs(JobLogs.DEFAULT_MAX_BYTES),
                new PullRequests(),
                new StickyComments(config.dryRun()),
                new LogScanner(),
                new CommentRenderer(),
                new WorkflowFiles());
        this.queue = new InProcessRunQueue(WORKER_THREADS, worker);
        WebhookSignature signature = config.webhookSecret() == null
                ? null
                : new WebhookSignature(config.webhookSecret());
        this.web = WebApp.create(new WebhookReceiver(signature, queue), STOP_TIMEOUT.toMillis());
    }

    public PipfixServer start() {
        if (config.webhookSecret() == null) {
            LOG.warn("ALLOW_UNSIGNED=true: webhooks are NOT authenticated; anyone who can reach this server can"
                    + " make it act. Use this for local development only.");
        }
        if (config.dryRun()) {
            LOG.info("DRY_RUN=true: nothing will be written to GitHub");
        }
        web.start(config.host(), config.port());
        LOG.info("pipfix listening on {}:{} (GitHub API {})", config.host(), web.port(), config.githubApiUrl());
        return this;
    }

    public int port() {
        return web.port();
    }

    /** Runs accepted and not yet finished. */
    public int runsInFlight() {
        return queue.inFlight();
    }

    /** Stops taking deliveries, lets answers in flight finish, then lets queued work finish. */
    @Override
    public void close() {
        web.stop();
        try {
            queue.shutdown(WORK_DRAIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        LOG.info("pipfix stopped");
    }
}
