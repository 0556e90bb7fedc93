package dev.pipfix.app;

import com.zaxxer.hikari.HikariDataSource;
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
import dev.pipfix.github.WriteBudget;
import dev.pipfix.queue.BatchingIntake;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.DeliveryLog;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.queue.Migrations;
import dev.pipfix.queue.Retention;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.web.WebApp;
import dev.pipfix.web.WebhookReceiver;
import dev.pipfix.web.WebhookSignature;
import dev.pipfix.worker.CatchUp;
import dev.pipfix.worker.GitHubRetryPolicy;
import dev.pipfix.worker.Housekeeping;
import dev.pipfix.worker.ProcessCompletedRun;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires pipfix together from its {@link Config}: the one place that knows every part. */
public final class PipfixServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipfixServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long a request waits for the commit that stores its delivery before it answers 503. */
    private static final Duration INTAKE_WAIT = Duration.ofSeconds(10);

    /** How the queue runs and retries; tests shorten the waits. */
    public record Options(DurableRunQueue.Settings queue, Duration retryBaseDelay, Duration retryMaxDelay,
            int maxAttempts) {

        public static Options defaults() {
            return new Options(DurableRunQueue.Settings.defaults(), Duration.ofSeconds(10), Duration.ofMinutes(10), 8);
        }
    }

    private final Config config;
    private final OkHttpClient http;
    private final HikariDataSource dataSource;
    private final DurableRunQueue queue;
    private final BatchingIntake intake;
    private final Javalin web;

    /** @throws StartupException when the database cannot be reached or upgraded */
    public PipfixServer(Config config, Clock clock) {
        this(config, clock, Options.defaults());
    }

    public PipfixServer(Config config, Clock clock, Options options) {
        this.config = config;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        Database database = Database.of(config.databaseUrl(), config.dataDir());
        this.dataSource = openDatabase(database, config);
        AppApi app = new AppApi(http, config.githubApiUrl(), new AppJwt(config.appId(), config.privateKey(), clock));
        InstallationTokens tokens = new InstallationTokens(app, clock);
        ProcessCompletedRun worker = new ProcessCompletedRun(
                app,
                new GitHubClients(http, config.githubApiUrl(), tokens),
                new RunJobs(),
                new JobLogs(JobLogs.DEFAULT_MAX_BYTES),
                new PullRequests(),
                new StickyComments(config.dryRun(), new WriteBudget(80, clock)),
                new LogScanner(),
                new CommentRenderer(),
                new WorkflowFiles());
        DeliveryLog deliveries = new DeliveryLog(dataSource);
        this.queue = new DurableRunQueue(dataSource, database.dialect(), worker,
                new GitHubRetryPolicy(options.retryBaseDelay(), options.retryMaxDelay(), options.maxAttempts(),
                        new SecureRandom()), options.queue(), new Housekeeping(new CatchUp(app, deliveries, clock),
                        new Retention(dataSource, Retention.DEDUPLICATION, Retention.FAILURES), clock));
        WebhookSignature signature = config.webhookSecret() == null
                ? null
                : new WebhookSignature(config.webhookSecret());
        this.intake = new BatchingIntake(dataSource, queue, INTAKE_WAIT);
        this.web = WebApp.create(new WebhookReceiver(signature, intake, clock), STOP_TIMEOUT.toMillis());
        LOG.info("queue on {}", database);
    }

    private static HikariDataSource openDatabase(Database database, Config config) {
        try {
            if (database.dialect() == Database.Dialect.H2) {
                Files.createDirectories(config.dataDir());
            }
        } catch (IOException e) {
            throw new StartupException("DATA_DIR (" + config.dataDir() + ") cannot be created: " + e.getMessage());
        }
        HikariDataSource dataSource;
        try {
            dataSource = database.open(10);
        } catch (RuntimeException e) {
            throw new StartupException((config.databaseUrl() == null ? "the embedded database under DATA_DIR"
                    : "DATABASE_URL") + " cannot be opened: " + rootMessage(e));
        }
        try {
            Migrations.apply(dataSource, database.dialect());
        } catch (SQLException e) {
            dataSource.close();
            throw new StartupException("the database schema cannot be created or upgraded: " + e.getMessage());
        }
        return dataSource;
    }

    public PipfixServer start() {
        if (config.webhookSecret() == null) {
            LOG.warn("ALLOW_UNSIGNED=true: webhooks are NOT authenticated; anyone who can reach this server can"
                    + " make it act. Use this for local development only.");
        }
        if (config.dryRun()) {
            LOG.info("DRY_RUN=true: nothing will be written to GitHub");
        }
        queue.start();
        web.start(config.host(), config.port());
        LOG.info("pipfix listening on {}:{} (GitHub API {})", config.host(), web.port(), config.githubApiUrl());
        return this;
    }

    public int port() {
        return web.port();
    }

    /** Runs stored and not yet done. */
    public int runsInFlight() {
        return queue.pending();
    }

    public DurableRunQueue queue() {
        return queue;
    }

    /**
     * Stops taking deliveries and lets answers in flight finish, then lets running work finish within the queue's
     * bounded wait (what does not finish is picked up again after a restart), then closes the database.
     */
    @Override
    public void close() {
        web.stop();
        intake.close();
        queue.close();
        dataSource.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        LOG.info("pipfix stopped");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The server cannot start; the message says what to fix. */
    public static final class StartupException extends RuntimeException {
        public StartupException(String message) {
            super(message);
        }
    }
}
