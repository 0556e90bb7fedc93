package dev.pipfix.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.pipfix.github.ApiCallMeter;
import dev.pipfix.github.Credential;
import dev.pipfix.github.GitHubConnection;
import dev.pipfix.github.KeyFormatException;
import dev.pipfix.github.ManifestConversions;
import dev.pipfix.github.NewApp;
import dev.pipfix.github.PrivateKeys;
import dev.pipfix.metrics.Metrics;
import dev.pipfix.queue.Database;
import dev.pipfix.queue.DurableRunQueue;
import dev.pipfix.queue.Migrations;
import dev.pipfix.queue.ReachableDatabase;
import dev.pipfix.setup.AppManifest;
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
import java.nio.file.Files;
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
    private final OkHttpClient http;
    private final GitHubConnection github;
    private final Database database;
    private final HikariDataSource dataSource;
    /** The webhook's and {@code /healthz}'s own connections, given up on quickly. */
    private final HikariDataSource intakeDataSource;

    private final ReachableDatabase reachable;
    /** Present while the server started without App credentials. */
    private final Optional<SetupFlow> setup;

    private final AtomicReference<ActiveApp> active = new AtomicReference<>();
    private final Javalin web;
    private final Metrics metrics;
    private final String version = BuildVersion.read();

    /** @throws StartupException when the database cannot be reached or upgraded */
    public PipfixServer(Config config, Clock clock) {
        this(config, clock, Options.defaults());
    }

    public PipfixServer(Config config, Clock clock, Options options) {
        this.config = config;
        this.clock = clock;
        this.options = options;
        this.database = Database.of(config.databaseUrl(), config.dataDir());
        // the database opens and upgrades on another core while this one builds the rest (TLS, metrics, pages):
        // the two take about the same time, and start-up to healthy is a target
        CompletableFuture<HikariDataSource> opening =
                CompletableFuture.supplyAsync(() -> openDatabase(database, config));
        this.metrics = new Metrics();
        this.http = GitHubConnection.httpClient()
                .addNetworkInterceptor(new ApiCallMeter(config.githubApiUrl(), metrics))
                .build();
        this.github = new GitHubConnection(http, config.githubApiUrl(), config.githubUrl(), "pipfix/" + version);
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
        this.dataSource = joined(opening);
        this.intakeDataSource = database.openForIntake();
        this.reachable = new ReachableDatabase(intakeDataSource, clock);
        if (config.configured()) {
            active.set(
                    new ActiveApp(config, clock, options, github, dataSource, reachable, database.dialect(), metrics));
        }
        this.web = WebApp.create(new ServerSite(), metrics, clock, STOP_TIMEOUT.toMillis());
        LOG.info("queue on {}", database);
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
                dataSource,
                reachable,
                database.dialect(),
                metrics);
        started.start();
        active.set(started);
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

    public PipfixServer start() {
        if (config.configured() && config.webhookSecret() == null) {
            LOG.warn("ALLOW_UNSIGNED=true: webhooks are NOT authenticated; anyone who can reach this server can"
                    + " make it act. Use this for local development only.");
        }
        if (config.dryRun()) {
            LOG.info("DRY_RUN=true: nothing will be written to GitHub");
        }
        ActiveApp app = active.get();
        // the scheduler's first poll and catch-up need not wait for Jetty, nor Jetty for them
        CompletableFuture<Void> scheduler =
                app == null ? CompletableFuture.completedFuture(null) : CompletableFuture.runAsync(app::start);
        web.start(config.host(), config.port());
        joined(scheduler);
        LOG.info("pipfix listening on {}:{} (GitHub API {})", config.host(), web.port(), config.githubApiUrl());
        if (app == null) {
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
        intakeDataSource.close();
        dataSource.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        LOG.info("pipfix stopped");
    }

    /** What the pages see of this server. */
    private final class ServerSite implements Site {

        @Override
        public Optional<WebhookReceiver> receiver() {
            return Optional.ofNullable(active.get()).map(ActiveApp::receiver);
        }

        @Override
        public Optional<SetupFlow> setup() {
            return active.get() == null ? setup : Optional.empty();
        }

        @Override
        public Health health() {
            Map<String, String> parts = new LinkedHashMap<>();
            Optional<ReachableDatabase.Outage> outage = reachable.check();
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
            return active.get().status();
        }

        @Override
        public OwnerAccess access() {
            return active.get().access();
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
