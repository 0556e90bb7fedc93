package dev.pipfix.github;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an error from GitHub means for the work ({@link GitHubApi} maps every error status, github-api's too, to a
 * {@link GitHubApiException}): try again later (and when), or give up (and why). Rate limits are
 * read from GitHub's headers: {@code retry-after} first, then {@code x-ratelimit-reset} when the remaining count is
 * 0, else a minute, as GitHub documents for secondary limits.
 */
public final class GitHubErrors {

    private static final Duration SECONDARY_LIMIT_DEFAULT_WAIT = Duration.ofMinutes(1);

    /**
     * @param permanent the error cannot succeed on a retry; {@code reason} says why, naming a missing permission
     * @param retryAt   when GitHub said to try again; empty for a permanent error or a transient one (retried with
     *                  backoff)
     */
    public record Verdict(boolean permanent, Optional<Instant> retryAt, String reason) {

        static Verdict giveUp(String reason) {
            return new Verdict(true, Optional.empty(), reason);
        }

        static Verdict retry(String reason) {
            return new Verdict(false, Optional.empty(), reason);
        }

        static Verdict retryAt(Instant at, String reason) {
            return new Verdict(false, Optional.of(at), reason);
        }
    }

    private GitHubErrors() {}

    public static Verdict classify(Throwable error, Instant now) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof IOException) && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        if (cause instanceof RetryLaterException later) {
            return Verdict.retryAt(later.retryAt(), later.getMessage());
        }
        String message = String.valueOf(cause.getMessage());
        if (!(cause instanceof GitHubApiException api)) {
            // connection refused or reset, timeouts, truncated bodies: the network, not the request
            return cause instanceof IOException ? Verdict.retry(message) : Verdict.giveUp("unexpected error: " + cause);
        }
        int status = api.status();
        Map<String, String> h = lowerCase(api.headers());
        if (status == 429 || status == 403 && isRateLimit(h, message)) {
            return Verdict.retryAt(rateLimitRetryAt(h, now), "rate limited (" + status + ")");
        }
        if (status >= 500 || status == 408) {
            return Verdict.retry(message);
        }
        if (status == 403 || status == 404) {
            return Verdict.giveUp(message + permissionHint(message));
        }
        return Verdict.giveUp(message);
    }

    static Instant rateLimitRetryAt(Map<String, String> h, Instant now) {
        String retryAfter = h.get("retry-after");
        if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
            return now.plusSeconds(Long.parseLong(retryAfter.strip()));
        }
        String reset = h.get("x-ratelimit-reset");
        if ("0".equals(h.get("x-ratelimit-remaining"))
                && reset != null
                && reset.strip().matches("\\d{1,12}")) {
            Instant at = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
            return at.isAfter(now) ? at.plusSeconds(1) : now.plusSeconds(1);
        }
        return now.plus(SECONDARY_LIMIT_DEFAULT_WAIT);
    }

    private static boolean isRateLimit(Map<String, String> h, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return h.containsKey("retry-after")
                || "0".equals(h.get("x-ratelimit-remaining"))
                || lower.contains("rate limit");
    }

    /** Which of the App's permissions the request needed, from the API path in the message. */
    private static String permissionHint(String message) {
        if (message.contains("/actions/")) {
            return " (pipfix needs the `actions: read` permission on this repository)";
        }
        if (message.contains("/contents/")) {
            return " (pipfix needs the `contents: read` permission on this repository)";
        }
        if (message.contains("/issues/") || message.contains("/pulls")) {
            return " (pipfix needs the `pull_requests: write` permission on this repository)";
        }
        return "";
    }

    private static Map<String, String> lowerCase(Map<String, List<String>> headers) {
        Map<String, String> h = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (name != null && values != null && !values.isEmpty()) {
                h.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return h;
    }
}
