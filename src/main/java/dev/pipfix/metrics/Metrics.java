package dev.pipfix.metrics;

import dev.pipfix.github.ApiCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format: deliveries, runs, GitHub calls, comments, findings.
 * Label values come from pipfix's own words or GitHub's event names, never from free text, so that a sender cannot
 * make the series count grow without bound.
 */
public final class Metrics implements ApiCalls {

    /** GitHub's event names: lower-case words joined by underscores. */
    private static final Pattern EVENT = Pattern.compile("[a-z_]{1,40}");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Long, AtomicLong> rateLimits = new ConcurrentHashMap<>();

    public Metrics() {
        Counter.builder("pipfix.webhook.signature.failures")
                .description("Deliveries refused for a missing or wrong X-Hub-Signature-256")
                .register(registry);
        Counter.builder("pipfix.log.scanned")
                .baseUnit("bytes")
                .description("Bytes of job logs read")
                .register(registry);
    }

    /** A delivery answered; a 401's event is not trusted (the sender was not authenticated). */
    public void webhook(String event, String result, int status) {
        String tag = status == 401
                ? "unverified"
                : event != null && EVENT.matcher(event).matches() ? event : "other";
        registry.counter("pipfix.webhooks", "event", tag, "result", result, "status", Integer.toString(status))
                .increment();
        if (status == 401) {
            registry.counter("pipfix.webhook.signature.failures").increment();
        }
    }

    public void runFinished(String outcome, Duration duration) {
        Timer.builder("pipfix.run.duration")
                .description("Time to read a run and write its comment")
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
    }

    public void comment(String outcome) {
        registry.counter("pipfix.comments", "outcome", outcome).increment();
    }

    public void finding(String kind, String cause) {
        registry.counter("pipfix.findings", "kind", kind, "cause", cause).increment();
    }

    public void logBytesScanned(long bytes) {
        registry.counter("pipfix.log.scanned").increment(bytes);
    }

    /** The queue's state, read when scraped: runs waiting or running, running on this instance, given up. */
    public void queue(Supplier<Number> queued, Supplier<Number> running, Supplier<Number> failed) {
        Gauge.builder("pipfix.runs.queued", queued)
                .description("Runs stored and not yet done")
                .register(registry);
        Gauge.builder("pipfix.runs.running", running)
                .description("Runs this instance is working on")
                .register(registry);
        Gauge.builder("pipfix.runs.failed", failed)
                .description("Runs given up, kept with the reason")
                .register(registry);
    }

    /**
     * The intake's transactions: fewer than the deliveries stored when they arrive together (group commit), so the
     * ratio of the two says how well it amortises a commit under load.
     */
    public <T> void intake(T intake, ToDoubleFunction<T> commits) {
        // Micrometer holds the intake weakly: it is the long-lived object, not a method reference to it
        FunctionCounter.builder("pipfix.intake.commits", intake, commits)
                .description("Transactions the webhook's writer committed, each holding one or more deliveries")
                .register(registry);
    }

    @Override
    public void answered(String endpoint, int status, Long installationId, Long rateLimitRemaining) {
        registry.counter("pipfix.github.requests", "endpoint", endpoint, "status", Integer.toString(status))
                .increment();
        if (installationId != null && rateLimitRemaining != null) {
            rateLimits
                    .computeIfAbsent(installationId, id -> {
                        AtomicLong remaining = new AtomicLong();
                        Gauge.builder("pipfix.github.rate.limit.remaining", remaining, AtomicLong::get)
                                .description("Requests left in the installation's hour, as GitHub last said")
                                .tag("installation", Long.toString(id))
                                .register(registry);
                        return remaining;
                    })
                    .set(rateLimitRemaining);
        }
    }

    /** Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
