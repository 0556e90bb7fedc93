package dev.pipfix.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP face of pipfix. All routes are declared here; each delegates to a class that knows nothing of HTTP. */
public final class WebApp {

    /** GitHub never sends a payload over 25 MB. */
    public static final int MAX_BODY_BYTES = 25 * 1024 * 1024;
    private static final long IDLE_CONNECTION_CLOSE_ON_STOP_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebApp() {
    }

    public static Javalin create(WebhookReceiver receiver, long stopTimeoutMillis) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> stopGracefully(server, stopTimeoutMillis));
            config.routes.post("/webhook", ctx -> webhook(ctx, receiver));
            config.routes.get("/", ctx -> ctx.result("pipfix is running. GitHub delivers workflow_run events to"
                    + " POST /webhook.\n"));
        });
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

    private static void webhook(Context ctx, WebhookReceiver receiver) throws IOException {
        long started = System.nanoTime();
        String event = ctx.header("X-GitHub-Event");
        String delivery = ctx.header("X-GitHub-Delivery");
        byte[] body = readCapped(ctx);
        WebhookReply reply = body == null
                ? WebhookReply.rejected(413, "the body is over " + MAX_BODY_BYTES + " bytes; GitHub never sends"
                        + " more than 25 MB")
                : receiver.receive(event, delivery, ctx.header("X-Hub-Signature-256"), body);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("result", reply.result());
        answer.put("reason", reply.reason());
        ctx.status(reply.status()).contentType("application/json").result(JSON.writeValueAsString(answer));
        LOG.info("delivery={} event={} status={} result={} reason=\"{}\" duration_ms={}", printable(delivery),
                printable(event), reply.status(), reply.result(), reply.reason(),
                (System.nanoTime() - started) / 1_000_000);
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
