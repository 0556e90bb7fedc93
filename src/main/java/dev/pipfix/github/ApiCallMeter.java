package dev.pipfix.github;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells {@link ApiCalls} of each answer: a network interceptor, so it sees each hop (a log download's redirect to
 * the storage host is a call of its own, {@code log_storage}) and the installation tag the auth interceptor set.
 */
public final class ApiCallMeter implements Interceptor {

    private final HttpUrl api;
    private final ApiCalls calls;

    public ApiCallMeter(String apiUrl, ApiCalls calls) {
        this.api = HttpUrl.get(apiUrl);
        this.calls = calls;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        InstallationTag tag = chain.request().tag(InstallationTag.class);
        Long installationId = tag == null ? null : tag.installationId();
        String endpoint = endpoint(chain.request().url());
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            calls.answered(endpoint, 0, installationId, null);
            throw e;
        }
        String remaining = response.header("x-ratelimit-remaining");
        Long rateLimitRemaining = null;
        if (remaining != null) {
            try {
                rateLimitRemaining = Long.parseLong(remaining.strip());
            } catch (NumberFormatException ignored) {
                // a proxy's header; the call still counts
            }
        }
        calls.answered(endpoint, response.code(), installationId, rateLimitRemaining);
        return response;
    }

    private String endpoint(HttpUrl url) {
        if (!url.host().equals(api.host()) || url.port() != api.port()) {
            return "log_storage";
        }
        String base = api.encodedPath().endsWith("/")
                ? api.encodedPath().substring(0, api.encodedPath().length() - 1)
                : api.encodedPath();
        String path = url.encodedPath();
        return Endpoints.classify(path.startsWith(base) ? path.substring(base.length()) : path);
    }
}
