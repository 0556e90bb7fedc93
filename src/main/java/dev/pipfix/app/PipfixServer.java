package dev.pipfix.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.pipfix.github.ApiCallMeter;
import dev.pipfix.github.Credential;
import dev.pipfix.github.GitHubConnection;
import dev.pipfix.github.KeyFormatException;
import dev.pipfix.github.ManifestConversions;
import dev.pipfix.github.NewApp;
import dev.pipfix.github.PrivateKeys;
import dev.pipfix.github.WriteGate;
import dev.pipfix.metrics.Metrics;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.queue.Migrations;
import dev.pipfix.queue.ReachableDatabase;
import dev.pipfix.setup.AppManifest;
import dev.pipfix.setup.PrivateFiles;
import dev.pipfix.setup.SetupCode;
import dev.pipfix.setup.SetupFlow;
import dev.pipfix.setup.SetupStates;
import dev.pipfix.web.Health;
import dev.pipfix.web.OwnerAccess;
import dev.pipfix.web.Site;
import dev.pipfix.web.Status;
import dev.pipfix.web.WebApp;
import dev.pipfix.web.WebhookReceiver;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires pipfix together from its {@link Config}: the one place that knows every part. Without App credentials it
 * serves the setup page, and once that page has received them from GitHub it starts acting as the App, without a
 * restart.
 */
public final class PipfixServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipfixServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** How the queue runs and retries; tests shorten the waits. */
    public record Options(
            DurableRunQueue.Settings queue, Duration retryBaseDelay, Duration retryMaxDelay, int maxAttempts) {

        public static Options defaults() {
            return new Options(DurableRunQueue.Settings.defaults(), Duration.ofSeconds(10), Duration.ofMinutes(10), 8);
        }
    }

    private final Config config;
    private final Clock clock;
    private final Options options;
    /**
     * Built at the first request to GitHub, or on another thread once pipfix is up: OkHttp's TLS set-up (the JDK's
     * trust store) took 180 ms of the start, and nothing before healthy talks to GitHub.
     */
    private OkHttpClient http;

    private final Object httpLock = new Object();
    private final GitHubConnection github;
    private final CompletableFuture<Prepared> preparing;
    private final Database database;
    /** The database, opened and upgraded on another thread while the rest starts. */
    private final CompletableFuture<HikariDataSource> opening;
    /** Done when the database is open and the App (if registered) is running; until then requests wait for it. */
    private final CompletableFuture<Opened> opened = new CompletableFuture<>();
    /** Present while the server started without App credentials. */
    private final Optional<SetupFlow> setup;

    private final AtomicReference<ActiveApp> active = new AtomicReference<>();
    private final Javalin web;
    private final Metrics metrics;
    private final String version = BuildVersion.read();

    /**
     * The database as the server uses it: the shared pool, and the webhook's and {@code /healthz}'s own connections,
     * given up on quickly.
     */
    private record Opened(HikariDataSource dataSource, HikariDataSource intake, ReachableDatabase reachable) {

        void close() {
            intake.close();
            dataSource.close();
        }
    }

    /** How long a request that arrives while pipfix starts waits for it; the start fails well before. */
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    public PipfixServer(Config config, Clock clock) {
        this(config, clock, Options.defaults());
    }

    public PipfixServer(Config config, Clock clock, Options options) {
        this.config = config;
        this.clock = clock;
        this.options = options;
        this.database = Database.of(config.databaseUrl(), config.dataDir());
        // the database opens and upgrades on another core while this one builds the rest and opens the port (TLS,
        // metrics, pages, Jetty): the two take about the same time, and start-up to healthy is a target
        this.opening = CompletableFuture.supplyAsync(() -> openDatabase(database, config));
        this.metrics = new Metrics();
        this.github = new GitHubConnection(this::http, config.githubApiUrl(), config.githubUrl(), "pipfix/" + version)
                .withGate(config.dryRun() ? WriteGate.dryRun(clock) : WriteGate.writing(clock));
        this.preparing = opening.thenApply(this::prepare);
        if (config.configured()) {
            SetupCode.deleteLeftover(config.dataDir());
            this.setup = Optional.empty();
        } else {
            SecureRandom random = new SecureRandom();
            this.setup = Optional.of(new SetupFlow(
                    manifest(),
                    SetupCode.open(config.dataDir(), random),
                    new SetupStates(random),
                    new ManifestConversions(github.api(Credential.none())),
                    this::install,
                    config.githubUrl(),
                    config.publicUrl()));
        }
        this.web = WebApp.create(new ServerSite(), metrics, clock, STOP_TIMEOUT.toMillis());
    }

    /** The future's value, or its own exception (a {@link StartupException} names the setting to fix). */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static AppManifest manifest() {
        try (InputStream in = PipfixServer.class.getResourceAsStream("/app-manifest.yml")) {
            if (in == null) {
                throw new StartupException("app-manifest.yml is missing from the jar: rebuild with mvn package");
            }
            return AppManifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StartupException("app-manifest.yml cannot be read: " + e.getMessage());
        }
    }

    /**
     * The setup page's last step: the credentials GitHub handed over are saved for the next start, then used at
     * once. Only the first registration counts; the setup pages close when it is done.
     */
    private synchronized void install(NewApp app) throws IOException {
        if (active.get() != null) {
            throw new IOException("pipfix is set up already");
        }
        RSAPrivateKey key;
        try {
            key = PrivateKeys.parse(app.pem());
        } catch (KeyFormatException e) {
            throw new IOException("GitHub's private key cannot be read: " + e.getMessage(), e);
        }
        SavedCredentials.save(config.dataDir(), app);
        ActiveApp started = new ActiveApp(
                config.withCredentials(
                        app.id(),
                        key,
                        app.webhookSecret(),
                        app.clientId().isEmpty() || app.clientSecret().isEmpty()
                                ? Optional.empty()
                                : Optional.of(new Config.OAuthClient(app.clientId(), app.clientSecret()))),
                clock,
                options,
                github,
                opened.join().dataSource(),
                opened.join().reachable(),
                database.dialect(),
                metrics);
        started.start();
        active.set(started);
    }

    private static HikariDataSource openDatabase(Database database, Config config) {
        try {
            if (database.dialect() == Database.Dialect.H2) {
                PrivateFiles.privateDirectory(config.dataDir());
            }
        } catch (IOException e) {
            throw new StartupException("DATA_DIR (" + config.dataDir() + ") cannot be created: " + e.getMessage());
        }
        HikariDataSource dataSource;
        try {
            dataSource = database.open(10);
        } catch (RuntimeException e) {
            throw new StartupException(
                    (config.databaseUrl() == null ? "the embedded database under DATA_DIR" : "DATABASE_URL")
                            + " cannot be opened: " + rootMessage(e));
        }
        try {
            Migrations.apply(dataSource, database.dialect());
        } catch (SQLException e) {
            dataSource.close();
            throw new StartupException("the database schema cannot be created or upgraded: " + e.getMessage());
        }
        return dataSource;
    }

    private OkHttpClient http() {
        synchronized (httpLock) {
            if (http == null) {
                http = GitHubConnection.httpClient()
                        .addNetworkInterceptor(new ApiCallMeter(config.githubApiUrl(), metrics))
                        .build();
            }
            return http;
        }
    }

    /** What the start needs the database for, built as soon as the database is open. */
    private record Prepared(Opened opened, Optional<ActiveApp> app) {}

    /**
     * On the database's thread once it is open, while the main thread opens the port: the webhook's connections and,
     * when the App is registered, its parts.
     */
    private Prepared prepare(HikariDataSource dataSource) {
        HikariDataSource intake = database.openForIntake();
        Opened ready = new Opened(dataSource, intake, new ReachableDatabase(intake, clock));
        if (!config.configured()) {
            return new Prepared(ready, Optional.empty());
        }
        try {
            return new Prepared(
                    ready,
                    Optional.of(new ActiveApp(
                            config,
                            clock,
                            options,
                            github,
                            dataSource,
                            ready.reachable(),
                            database.dialect(),
                            metrics)));
        } catch (RuntimeException e) {
            intake.close();
            throw e;
        }
    }

    /**
     * For a start that failed or never happened: the pools are closed whenever their opening ends (the App's parts,
     * if built, were never started).
     */
    private void closeWhenPrepared() {
        preparing.whenComplete((prepared, failure) -> {
            if (prepared != null) {
                prepared.opened().close();
            } else {
                opening.thenAccept(HikariDataSource::close);
            }
        });
    }

    /**
     * Opens the port at once, while the database finishes opening on another thread; a request that arrives in
     * between waits for the start to finish rather than being refused. Then starts the App's queue, if registered.
     *
     * @throws StartupException when the database cannot be reached or upgraded (the port is closed again)
     */
    public PipfixServer start() {
        if (config.configured() && config.webhookSecret() == null) {
            LOG.warn("ALLOW_UNSIGNED=true: webhooks are NOT authenticated; anyone who can reach this server can"
                    + " make it act. Use this for local development only.");
        }
        if (config.dryRun()) {
            LOG.info("DRY_RUN=true: nothing will be written to GitHub");
        }
        web.start(config.host(), config.port());
        try {
            Prepared prepared = joined(preparing);
            prepared.app().ifPresent(app -> {
                app.start();
                active.set(app);
            });
            opened.complete(prepared.opened());
            CompletableFuture.runAsync(this::http);
        } catch (RuntimeException e) {
            opened.completeExceptionally(e);
            web.stop();
            closeWhenPrepared();
            throw e;
        }
        LOG.info("queue on {}", database);
        LOG.info("pipfix listening on {}:{} (GitHub API {})", config.host(), web.port(), config.githubApiUrl());
        if (active.get() == null) {
            LOG.info("no App credentials yet: open {}/ to register the GitHub App", config.publicUrl());
        }
        return this;
    }

    public int port() {
        return web.port();
    }

    /** Runs stored and not yet done. */
    public int runsInFlight() {
        return queue().pending();
    }

    /** @throws IllegalStateException before the App is registered */
    public DurableRunQueue queue() {
        ActiveApp app = active.get();
        if (app == null) {
            throw new IllegalStateException("the App is not registered yet");
        }
        return app.queue();
    }

    /**
     * Stops taking deliveries and lets answers in flight finish, then lets running work finish within the queue's
     * bounded wait (what does not finish is picked up again after a restart), then closes the database.
     */
    @Override
    public void close() {
        web.stop();
        ActiveApp app = active.get();
        if (app != null) {
            app.close();
        }
        if (opened.isDone() && !opened.isCompletedExceptionally()) {
            opened.join().close();
        } else {
            closeWhenPrepared();
        }
        synchronized (httpLock) {
            if (http != null) {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }
        LOG.info("pipfix stopped");
    }

    /** What the pages see of this server. */
    private final class ServerSite implements Site {

        /** Waits while pipfix starts: until then it cannot tell a registered App from one still to be set up. */
        private Opened started() {
            try {
                return opened.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pipfix starts", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("pipfix did not start", e);
            }
        }

        @Override
        public Optional<WebhookReceiver> receiver() {
            started();
            return Optional.ofNullable(active.get()).map(ActiveApp::receiver);
        }

        @Override
        public Optional<SetupFlow> setup() {
            started();
            return active.get() == null ? setup : Optional.empty();
        }

        /** Answers at once, also while pipfix starts: a health check is not a request to wait. */
        @Override
        public Health health() {
            Map<String, String> parts = new LinkedHashMap<>();
            if (!opened.isDone()) {
                parts.put("database", "opening");
                parts.put("scheduler", "not started yet");
                return new Health(parts, false);
            }
            Optional<ReachableDatabase.Outage> outage = started().reachable().check();
            boolean databaseUp = outage.isEmpty();
            parts.put("database", outage.map(o -> "down: " + o.describe()).orElse("up"));
            ActiveApp app = active.get();
            boolean schedulerUp = app == null || app.queue().running();
            parts.put(
                    "scheduler",
                    app == null
                            ? "not started: the GitHub App is not registered yet (open /)"
                            : schedulerUp ? "running" : "down: stopped or stopping");
            return new Health(parts, databaseUp && schedulerUp);
        }

        @Override
        public Status status() {
            started();
            return active.get().status();
        }

        @Override
        public OwnerAccess access() {
            started();
            return active.get().access();
        }

        @Override
        public String githubWebUrl() {
            return config.githubUrl();
        }

        @Override
        public String version() {
            return version;
        }
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
