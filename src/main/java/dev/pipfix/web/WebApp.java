package dev.pipfix.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.metrics.Metrics;
import dev.pipfix.setup.Loopback;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** The HTTP face of pipfix. All routes are declared here; each delegates to a class that knows nothing of HTTP. */
public final class WebApp {

    /** GitHub never sends a payload over 25 MB. */
    public static final int MAX_BODY_BYTES = 25 * 1024 * 1024;
    /** Large bodies read at once: four of the largest GitHub sends. */
    static final long LARGE_BODIES_IN_FLIGHT_BYTES = 4L * MAX_BODY_BYTES;
    /**
     * How long a large body waits for its share of the budget before it is refused: well inside the 10 s GitHub
     * waits for an answer, and long enough that a burst is read in turn rather than refused.
     */
    private static final Duration BODY_BUDGET_PATIENCE = Duration.ofSeconds(5);
    /** What a sender refused for the budget is told to wait; GitHub's failed deliveries come back through catch-up. */
    private static final String BUSY_RETRY_AFTER_SECONDS = "10";

    private static final long IDLE_CONNECTION_CLOSE_ON_STOP_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebApp() {}

    public static Javalin create(Site site, Metrics metrics, Clock clock, long stopTimeoutMillis) {
        BodyBudget bodies = new BodyBudget(LARGE_BODIES_IN_FLIGHT_BYTES, MAX_BODY_BYTES);
        SecureRandom random = new SecureRandom();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> stopGracefully(server, stopTimeoutMillis));
            config.routes.post("/webhook", ctx -> webhook(ctx, site.receiver(), bodies, metrics));
            config.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(metrics.scrape()));
            config.routes.get(
                    "/",
                    ctx -> page(
                            ctx,
                            site,
                            site.setup()
                                    .map(flow -> new SetupPages(flow).setup(flow.needsCode(fromLoopback(ctx)), null))
                                    .orElseGet(() -> statusOrPublic(ctx, site))));
            config.routes.get(
                    "/auth/signin",
                    ctx -> page(
                            ctx,
                            site,
                            site.setup().isPresent()
                                    ? SetupPages.notYet()
                                    : new SignInPages(site.access(), random).start()));
            config.routes.get(
                    "/auth/callback",
                    ctx -> page(
                            ctx,
                            site,
                            site.setup().isPresent()
                                    ? SetupPages.notYet()
                                    : new SignInPages(site.access(), random)
                                            .callback(
                                                    ctx.queryParam("code"),
                                                    ctx.queryParam("state"),
                                                    ctx.cookie(SignInPages.STATE_COOKIE),
                                                    ctx.queryParam("error"))));
            config.routes.post(
                    "/auth/signout",
                    ctx -> page(
                            ctx,
                            site,
                            site.setup().isPresent()
                                    ? SetupPages.notYet()
                                    : new SignInPages(site.access(), random)
                                            .signOut(ctx.cookie(SessionCookies.NAME), ctx.formParam("token"))));
            config.routes.post(
                    "/setup/start",
                    ctx -> page(
                            ctx,
                            site,
                            site.setup()
                                    .map(flow -> new SetupPages(flow)
                                            .start(
                                                    ctx.formParam("setup_code"),
                                                    fromLoopback(ctx),
                                                    ctx.formParam("organization"),
                                                    ctx.formParam("name"),
                                                    "true".equals(ctx.formParam("allow_commits")),
                                                    clock.instant()))
                                    .orElseGet(SetupPages::alreadySetUp)));
            config.routes.get(
                    "/setup/callback",
                    ctx -> page(
                            ctx,
                            site,
                            site.setup()
                                    .map(flow -> new SetupPages(flow)
                                            .callback(
                                                    ctx.queryParam("code"),
                                                    ctx.queryParam("state"),
                                                    ctx.cookie(SetupPages.STATE_COOKIE),
                                                    clock.instant()))
                                    .orElseGet(SetupPages::alreadySetUp)));
            config.routes.get("/healthz", ctx -> {
                Health health = site.health();
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", health.healthy() ? "ok" : "down");
                answer.putAll(new TreeMap<>(health.parts()));
                ctx.status(health.healthy() ? 200 : 503)
                        .contentType("application/json")
                        .result(JSON.writeValueAsString(answer));
            });
        });
    }

    /** The status for the App's owner; for anyone else, that pipfix runs, and how its owner signs in. */
    private static Page statusOrPublic(Context ctx, Site site) {
        OwnerAccess access = site.access();
        String cookie = ctx.cookie(SessionCookies.NAME);
        Optional<String> signOut = access.sessions().flatMap(sessions -> sessions.signOutToken(cookie));
        return access.owner(ctx.header("Authorization"), cookie)
                .map(owner -> new Page(200, StatusPage.render(site.status(), site.version(), owner, signOut)))
                .orElseGet(() -> SignInPages.publicPage(access, site.version()));
    }

    /**
     * Whether the request can only have come from this machine: the connection's own address is a loopback one, the
     * {@code Host} it asked for is a loopback name, and no proxy or tunnel forwarded it (a reverse proxy or a tunnel
     * on this machine connects from a loopback address on behalf of anyone, and says so in these headers).
     */
    private static boolean fromLoopback(Context ctx) {
        for (String header : FORWARDING_HEADERS) {
            if (ctx.header(header) != null) {
                return false;
            }
        }
        String host = ctx.header("Host");
        if (host == null || !Loopback.isLoopbackUrl("http://" + host)) {
            return false;
        }
        String address = ctx.req().getRemoteAddr();
        // an address literal only, so that nothing is looked up
        if (address == null || !address.matches("[0-9A-Fa-f:.\\[\\]%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** What proxies, load balancers and tunnels add to a request they pass on. */
    private static final List<String> FORWARDING_HEADERS = List.of(
            "Forwarded",
            "X-Forwarded-For",
            "X-Forwarded-Host",
            "X-Forwarded-Proto",
            "X-Forwarded-Port",
            "X-Real-IP",
            "X-Client-IP",
            "True-Client-IP",
            "CF-Connecting-IP",
            "Via");

    /**
     * Every page: no framing by other sites, no referrer carrying a setup code or state elsewhere, no copy kept by a
     * cache; cookies and redirects as the page says.
     */
    private static void page(Context ctx, Site site, Page page) {
        ctx.header("Content-Security-Policy", Html.contentSecurityPolicy(site.githubWebUrl()))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
        for (String cookie : page.setCookies()) {
            ctx.res().addHeader("Set-Cookie", cookie);
        }
        if (page.location().isPresent()) {
            ctx.status(page.status()).header("Location", page.location().get());
            return;
        }
        ctx.status(page.status()).html(page.html());
    }

    /**
     * Requests in flight get {@code stopTimeoutMillis} to finish. Idle keep-alive connections are closed at once:
     * Jetty would otherwise wait its default second for each before it counts the shutdown as graceful.
     */
    private static void stopGracefully(Server server, long stopTimeoutMillis) {
        server.setStopTimeout(stopTimeoutMillis);
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector abstractConnector) {
                        abstractConnector.setShutdownIdleTimeout(IDLE_CONNECTION_CLOSE_ON_STOP_MILLIS);
                    }
                }
            }
        });
    }

    private static void webhook(Context ctx, Optional<WebhookReceiver> receiver, BodyBudget bodies, Metrics metrics)
            throws IOException {
        long started = System.nanoTime();
        String event = ctx.header("X-GitHub-Event");
        String delivery = ctx.header("X-GitHub-Delivery");
        WebhookReply reply = reply(ctx, receiver, bodies, event, delivery);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("result", reply.result().id());
        answer.put("reason", reply.reason());
        ctx.status(reply.status()).contentType("application/json").result(JSON.writeValueAsString(answer));
        metrics.webhook(event, reply.result().id(), reply.status());
        LoggingEventBuilder line = LOG.atInfo()
                .setMessage("delivery")
                .addKeyValue("delivery", printable(delivery))
                .addKeyValue("event", printable(event));
        if (reply.repository() != null) {
            line = line.addKeyValue("repo", reply.repository()).addKeyValue("run", reply.runId());
        }
        line.addKeyValue("status", reply.status())
                .addKeyValue("result", reply.result().id())
                .addKeyValue("reason", reply.reason())
                .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
                .log();
    }

    /**
     * Refuses before reading what is over the size GitHub sends or over the budget of large bodies in flight (Jetty
     * then throws away what the sender still sends, or closes the connection); reads the rest as it streams in, so
     * that no request holds its body whole.
     */
    private static WebhookReply reply(
            Context ctx, Optional<WebhookReceiver> receiver, BodyBudget bodies, String event, String delivery) {
        if (receiver.isEmpty()) {
            return WebhookReply.rejected(503, "pipfix is not set up yet: open its page to register the GitHub App");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            return WebhookReceiver.tooLarge();
        }
        Optional<BodyBudget.Lease> lease;
        try {
            lease = bodies.reserve(declared, BODY_BUDGET_PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lease = Optional.empty();
        }
        if (lease.isEmpty()) {
            ctx.header("Retry-After", BUSY_RETRY_AFTER_SECONDS);
            return WebhookReply.rejected(
                    503,
                    "too many large bodies are being read at once; GitHub marks the"
                            + " delivery failed, and it can be redelivered");
        }
        try (BodyBudget.Lease held = lease.get();
                InputStream body = ctx.req().getInputStream()) {
            return receiver.get().receive(event, delivery, ctx.header("X-Hub-Signature-256"), body);
        } catch (IOException e) {
            return WebhookReply.rejected(400, "the body could not be read to its end: " + e.getMessage());
        }
    }

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Header values are the sender's text: keep log lines to one line and a sane length. */
    private static String printable(String value) {
        if (value == null) {
            return "-";
        }
        String flat = CONTROL.matcher(value).replaceAll("?");
        return flat.length() <= 100 ? flat : flat.substring(0, 100) + "…";
    }
}
