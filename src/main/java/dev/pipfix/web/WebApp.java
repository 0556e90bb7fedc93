package dev.pipfix.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.Map;
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
    private static final long IDLE_CONNECTION_CLOSE_ON_STOP_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebApp() {
    }

    public static Javalin create(Site site, Metrics metrics, Clock clock, long stopTimeoutMillis) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> stopGracefully(server, stopTimeoutMillis));
            config.routes.post("/webhook", ctx -> webhook(ctx, site.receiver(), metrics));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.get("/", ctx -> {
                if (site.setup() != null) {
                    page(ctx, new SetupPages(site.setup()).setup(null));
                } else {
                    page(ctx, new Page(200, StatusPage.render(site.status())));
                }
            });
            config.routes.post("/setup/start", ctx -> page(ctx, site.setup() == null ? SetupPages.alreadySetUp()
                    : new SetupPages(site.setup()).start(ctx.formParam("organization"), ctx.formParam("name"),
                            clock.instant())));
            config.routes.get("/setup/callback", ctx -> page(ctx, site.setup() == null ? SetupPages.alreadySetUp()
                    : new SetupPages(site.setup()).callback(ctx.queryParam("code"), ctx.queryParam("state"),
                            clock.instant())));
            config.routes.get("/healthz", ctx -> {
                Health health = site.health();
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", health.healthy() ? "ok" : "down");
                answer.putAll(new TreeMap<>(health.parts()));
                ctx.status(health.healthy() ? 200 : 503).contentType("application/json")
                        .result(JSON.writeValueAsString(answer));
            });
        });
    }

    /** Every page: no framing by other sites, and no referrer carrying a setup code or state elsewhere. */
    private static void page(Context ctx, Page page) {
        ctx.header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
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

    private static void webhook(Context ctx, WebhookReceiver receiver, Metrics metrics) throws IOException {
        long started = System.nanoTime();
        String event = ctx.header("X-GitHub-Event");
        String delivery = ctx.header("X-GitHub-Delivery");
        byte[] body = readCapped(ctx);
        WebhookReply reply = receiver == null
                ? WebhookReply.rejected(503, "pipfix is not set up yet: open its page to register the GitHub App")
                : body == null
                ? WebhookReply.rejected(413, "the body is over " + MAX_BODY_BYTES + " bytes; GitHub never sends"
                        + " more than 25 MB")
                : receiver.receive(event, delivery, ctx.header("X-Hub-Signature-256"), body);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("result", reply.result());
        answer.put("reason", reply.reason());
        ctx.status(reply.status()).contentType("application/json").result(JSON.writeValueAsString(answer));
        metrics.webhook(event, reply.result(), reply.status());
        LoggingEventBuilder line = LOG.atInfo().setMessage("delivery")
                .addKeyValue("delivery", printable(delivery))
                .addKeyValue("event", printable(event));
        if (reply.repository() != null) {
            line = line.addKeyValue("repo", reply.repository()).addKeyValue("run", reply.runId());
        }
        line.addKeyValue("status", reply.status())
                .addKeyValue("result", reply.result())
                .addKeyValue("reason", reply.reason())
                .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
                .log();
    }

    /** The raw body, or null when it is over the cap; read by hand so chunked bodies are capped too. */
    private static byte[] readCapped(Context ctx) throws IOException {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            return null;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    /** Header values are the sender's text: keep log lines to one line and a sane length. */
    private static String printable(String value) {
        if (value == null) {
            return "-";
        }
        String flat = value.replaceAll("[\\p{Cntrl}]", "?");
        return flat.length() <= 100 ? flat : flat.substring(0, 100) + "…";
    }
}
