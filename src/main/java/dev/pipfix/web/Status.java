package dev.pipfix.web;

import java.time.Instant;
import java.util.List;

/**
 * What the status page shows. Read-only and free of secrets: names, counts and outcomes.
 *
 * @param appProblem why the App's name or installations could not be read from GitHub; null when they were
 */
public record Status(
        String appName,
        String appUrl,
        List<Installation> installations,
        String appProblem,
        List<DeliveryRow> deliveries,
        int queued,
        int failed,
        boolean dryRun) {

    public record Installation(String account, String accountType, String repositories, String settingsUrl) {}

    /**
     * One delivery and what came of it.
     *
     * @param outcome what the worker made of its run (commented, no finding, failed and why); null while waiting or
     *                when the delivery asked for no work
     * @param dryRunComment the comment a dry run would have posted; null otherwise
     */
    public record DeliveryRow(
            String deliveryId,
            String event,
            Instant receivedAt,
            String result,
            String run,
            String outcome,
            String dryRunComment) {}
}
