package dev.pipfix.app;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's address as the browser shows it: {@code https://github.com/OWNER/REPO/actions/runs/RUN_ID}, with
 * {@code /attempts/N} or {@code /job/JOB_ID} after it, on github.com or a GitHub Enterprise Server.
 */
record RunUrl(String host, String repository, long runId, Optional<Long> attempt, Optional<Long> jobId) {

    private static final Pattern URL = Pattern.compile("^https?://([^/?#]+)/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)"
            + "/actions/runs/(\\d{1,19})(?:/attempts/(\\d{1,9})|/jobs?/(\\d{1,19}))?/?(?:[?#].*)?$");

    static boolean looksLikeUrl(String argument) {
        return argument.startsWith("https://") || argument.startsWith("http://");
    }

    static Optional<RunUrl> parse(String argument) {
        Matcher m = URL.matcher(argument.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunUrl(
                    m.group(1),
                    m.group(2) + "/" + m.group(3),
                    Long.parseLong(m.group(4)),
                    Optional.ofNullable(m.group(5)).map(Long::parseLong),
                    Optional.ofNullable(m.group(6)).map(Long::parseLong)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** github.com's API, or the one {@code GITHUB_API_URL} names (a GitHub Enterprise Server's {@code /api/v3}). */
    String apiUrl(Optional<String> configured) {
        if (configured.isPresent()) {
            String url = configured.get();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        return host.equalsIgnoreCase("github.com") || host.equalsIgnoreCase("www.github.com")
                ? "https://api.github.com"
                : "https://" + host + "/api/v3";
    }
}
