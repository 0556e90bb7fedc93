package dev.pipfix.worker;

import dev.pipfix.github.AppApi;
import dev.pipfix.github.HookDelivery;
import dev.pipfix.queue.DeliveryLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub does not retry a delivery that failed (pipfix was down, restarting, or answered 5xx). Catch-up lists the
 * App's recent deliveries and asks GitHub to redeliver each one that never succeeded and that pipfix never recorded,
 * within GitHub's three days, so that nobody has to click "Redeliver".
 */
public final class CatchUp implements Runnable {

    static final Duration WINDOW = Duration.ofDays(3).minusHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
    private static final int MAX_PAGES = 30;

    private final AppApi app;
    private final DeliveryLog deliveries;
    private final Clock clock;

    public CatchUp(AppApi app, DeliveryLog deliveries, Clock clock) {
        this.app = app;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            List<HookDelivery> recent = app.deliveriesSince(clock.instant().minus(WINDOW), MAX_PAGES);
            List<HookDelivery> missed = missed(recent, deliveries::seen);
            for (HookDelivery delivery : missed) {
                app.redeliver(delivery.id());
                LOG.info(
                        "catch-up: asked GitHub to redeliver {} ({} event, status {} at {})",
                        delivery.guid(),
                        delivery.event(),
                        delivery.statusCode(),
                        delivery.deliveredAt());
            }
            LOG.info("catch-up: {} recent deliveries, {} redelivery request(s)", recent.size(), missed.size());
        } catch (IOException | RuntimeException e) {
            LOG.warn("catch-up could not run: {}", e.getMessage());
        }
    }

    /**
     * The latest attempt of each delivery none of whose attempts succeeded and that pipfix has not recorded; ping
     * deliveries are left alone.
     */
    static List<HookDelivery> missed(List<HookDelivery> recent, Predicate<String> recorded) {
        Map<String, List<HookDelivery>> byGuid = new LinkedHashMap<>();
        for (HookDelivery delivery : recent) {
            byGuid.computeIfAbsent(delivery.guid(), guid -> new ArrayList<>()).add(delivery);
        }
        List<HookDelivery> missed = new ArrayList<>();
        byGuid.forEach((guid, attempts) -> {
            boolean succeeded = attempts.stream().anyMatch(HookDelivery::succeeded);
            if (!succeeded && !"ping".equals(attempts.get(0).event()) && !recorded.test(guid)) {
                missed.add(attempts.stream()
                        .max(Comparator.comparing(HookDelivery::deliveredAt))
                        .orElseThrow());
            }
        });
        return missed;
    }
}
