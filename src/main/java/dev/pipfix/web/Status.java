package dev.pipfix.web;

import dev.pipfix.apply.ApplyGrants;
import dev.pipfix.queue.DeliveryLog;
import java.util.List;
import java.util.Optional;

/**
 * What the status page shows. Read-only and free of secrets: names, counts and outcomes.
 *
 * @param appProblem why the App's name or installations could not be read from GitHub; null when they were
 * @param grants     what the App asks for, as far as {@code /pipfix apply} is concerned; empty when unknown
 */
public record Status(
        String appName,
        String appUrl,
        List<Installation> installations,
        String appProblem,
        List<DeliveryRow> deliveries,
        int queued,
        int failed,
        boolean dryRun,
        Optional<ApplyGrants> grants) {

    public record Installation(String account, String accountType, String repositories, String settingsUrl) {}

    /**
     * One delivery from the log, and what came of it in words.
     *
     * @param outcome what the worker made of its run (commented, no finding, failed and why), or the delivery's
     *                result while the run waits or when the delivery asked for no work
     */
    public record DeliveryRow(DeliveryLog.Entry delivery, String outcome) {}
}
