package dev.pipfix.github;

/** Hears of every answer GitHub gives pipfix, for the metrics. */
public interface ApiCalls {

    ApiCalls NONE = (endpoint, status, installationId, rateLimitRemaining) -> {};

    /**
     * @param endpoint           the kind of call, without ids ({@link Endpoints#classify})
     * @param status             the HTTP status, or 0 when no answer came (connection refused, timeout)
     * @param installationId     the installation whose token the call used; null for App calls
     * @param rateLimitRemaining {@code x-ratelimit-remaining}; null when the answer has none
     */
    void answered(String endpoint, int status, Long installationId, Long rateLimitRemaining);
}
