package dev.pipfix.action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a GitHub Actions runner tells a step through its environment, as {@code pipfix action} reads it. The token
 * comes from {@code action.yml}'s {@code github-token} input, passed as {@code GITHUB_TOKEN}.
 *
 * @param summary the file the job's summary page is made from ({@code GITHUB_STEP_SUMMARY}), when there is one
 * @param output  the file step outputs are written to ({@code GITHUB_OUTPUT}), when there is one
 */
public record ActionEnvironment(
        String eventName,
        Optional<Path> eventPath,
        Optional<String> token,
        String apiUrl,
        String serverUrl,
        String repository,
        Optional<Path> summary,
        Optional<Path> output,
        boolean failOnError,
        Duration timeBudget) {

    /** The Action's time from start to finish when the workflow does not say: minutes, not the job's six hours. */
    static final Duration DEFAULT_TIME_BUDGET = Duration.ofMinutes(10);

    public static ActionEnvironment of(Map<String, String> env) {
        return new ActionEnvironment(
                env.getOrDefault("GITHUB_EVENT_NAME", ""),
                present(env, "GITHUB_EVENT_PATH").map(Path::of),
                present(env, "GITHUB_TOKEN").or(() -> present(env, "GH_TOKEN")),
                stripSlash(present(env, "GITHUB_API_URL").orElse("https://api.github.com")),
                stripSlash(present(env, "GITHUB_SERVER_URL").orElse("https://github.com")),
                env.getOrDefault("GITHUB_REPOSITORY", ""),
                present(env, "GITHUB_STEP_SUMMARY").map(Path::of),
                present(env, "GITHUB_OUTPUT").map(Path::of),
                present(env, "PIPFIX_FAIL_ON_ERROR")
                        .map(value -> value.strip().toLowerCase(Locale.ROOT))
                        .filter(value -> value.equals("true"))
                        .isPresent(),
                present(env, "PIPFIX_TIME_BUDGET_SECONDS")
                        .flatMap(ActionEnvironment::seconds)
                        .orElse(DEFAULT_TIME_BUDGET));
    }

    /** A positive whole number of seconds; anything else leaves the default. */
    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds > 0 && seconds <= 6 * 3600 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> present(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        // the token stays out of every log line and exception message
        return "ActionEnvironment[event=" + eventName + ", repository=" + repository + ", api=" + apiUrl + "]";
    }
}
