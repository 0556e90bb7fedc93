package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.internal.http.HttpMethod;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;

/**
 * The one way pipfix talks to GitHub's REST API as one {@link Credential}. It owns the base URL, the credential (and
 * renewing it on a 401, in {@link RequestSigning}), the common headers, conditional requests ({@link
 * ConditionalRequests}), pagination, and turning every error status into a {@link GitHubApiException} with the
 * response's rate-limit headers. The github-api client ({@link #viaGitHubApi}) rides the same OkHttp client, so its
 * requests carry the same credential and headers, and its errors are mapped the same way.
 *
 * <p>Which of the two a call uses: github-api where one of its calls is one REST request (the open pull requests of a
 * fork's branch); {@link ApiRequest}s where github-api would spend more. It loads the repository before any of its
 * contents, jobs or comments ({@code GET /repos/{o}/{r}}, and the issue before an issue's comments), and its
 * {@code GHPerson.getType()} fetches the account again ({@code GET /users/{login}}) when the object came inside
 * another answer, as the App's owner and the installations' accounts do. A first failure would cost 9 calls instead
 * of 6.
 */
public final class GitHubApi {

    /** The REST API version every request asks for. */
    public static final String API_VERSION = "2022-11-28";

    private final HttpUrl base;
    private final Supplier<OkHttpClient> shared;
    private final String userAgent;
    /** The shared client with this credential's signing, made on first use (see {@link GitHubConnection}). */
    private OkHttpClient http;

    private final Credential credential;
    private final ConditionalRequests conditional;
    private final WriteGate gate;
    private final String baseUrl;
    private GitHub gitHub;

    /**
     * @param http        the process's one OkHttp client (connection pool, timeouts, the call meter), asked for at the
     *                    first request
     * @param baseUrl     the REST API's base ({@code https://api.github.com}, {@code https://HOST/api/v3}), or GitHub's
     *                    web base for its OAuth endpoints
     * @param conditional where answers are kept for {@code If-None-Match}; shared by every credential, kept apart by
     *                    {@link Credential#scope()}
     */
    public GitHubApi(
            Supplier<OkHttpClient> http,
            String baseUrl,
            Credential credential,
            String userAgent,
            ConditionalRequests conditional,
            WriteGate gate) {
        this.base = HttpUrl.get(baseUrl);
        this.gate = gate;
        this.credential = credential;
        this.conditional = conditional;
        this.shared = http;
        this.userAgent = userAgent;
        this.baseUrl = baseUrl;
    }

    private synchronized OkHttpClient http() {
        if (http == null) {
            http = shared.get()
                    .newBuilder()
                    .addInterceptor(gate.interceptor(credential))
                    .addInterceptor(new RequestSigning(credential, userAgent))
                    .build();
        }
        return http;
    }

    public Credential credential() {
        return credential;
    }

    /** The door every write passes: whether this is a dry run. */
    public WriteGate writes() {
        return gate;
    }

    /** The answer's JSON; an empty answer (204) is a missing node. */
    public JsonNode json(ApiRequest request) throws IOException {
        try (Response response = send(request, url(request))) {
            return parsed(checked(request, response));
        }
    }

    /** The answer's JSON, or empty when GitHub answers 404 (no such file, a deleted comment). */
    public Optional<JsonNode> jsonUnlessMissing(ApiRequest request) throws IOException {
        try (Response response = send(request, url(request))) {
            return response.code() == 404 ? Optional.empty() : Optional.of(parsed(checked(request, response)));
        }
    }

    /** Reads the answer's body as it streams in (a job's log, a raw file), or empty on a 404. */
    public <T> Optional<T> readUnlessMissing(ApiRequest request, BodyReader<T> reader) throws IOException {
        try (Response response = send(request, url(request))) {
            if (response.code() == 404) {
                return Optional.empty();
            }
            return Optional.of(reader.read(checked(request, response).body().byteStream()));
        }
    }

    /** Reads the answer's body as it streams in; a 404 is an error like any other. */
    public <T> T read(ApiRequest request, BodyReader<T> reader) throws IOException {
        try (Response response = send(request, url(request))) {
            return reader.read(checked(request, response).body().byteStream());
        }
    }

    /**
     * Each page of a list, following the {@code Link} header's {@code rel="next"}, until the visitor has seen enough
     * or {@code maxPages} pages were read (a bound against a server that pages forever).
     */
    public void pages(ApiRequest first, int maxPages, PageVisitor visitor) throws IOException {
        Optional<HttpUrl> url = Optional.of(url(first));
        for (int page = 0; page < maxPages && url.isPresent(); page++) {
            try (Response response = send(first, url.get())) {
                if (!visitor.visit(parsed(checked(first, response)))) {
                    return;
                }
                url = ApiResponses.nextLink(response.header("Link")).map(HttpUrl::get);
            }
        }
    }

    /** The github-api client for this credential, made on first use. */
    private synchronized GitHub gitHub() throws IOException {
        if (gitHub == null) {
            // the FAIL handlers: github-api's defaults sleep on the calling thread until a rate limit resets;
            // the signing interceptor replaces its Authorization header with the credential's
            gitHub = new GitHubBuilder()
                    .withEndpoint(baseUrl)
                    .withConnector(new OkHttpGitHubConnector(http()))
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                    .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
        }
        return gitHub;
    }

    /** A github-api call, its errors mapped as every other call's ({@link GitHubApiException}). */
    public <T> T viaGitHubApi(String name, GitHubApiCall<T> call) throws IOException {
        try {
            return call.call(gitHub());
        } catch (HttpException e) {
            throw new GitHubApiException(
                    name, e.getResponseCode(), e.getMessage(), headersOf(e.getResponseHeaderFields()));
        } catch (GHFileNotFoundException e) {
            throw new GitHubApiException(name, 404, e.getMessage(), headersOf(e.getResponseHeaderFields()));
        } catch (GHException e) {
            // github-api's iterators wrap IOExceptions in GHException
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    @FunctionalInterface
    public interface PageVisitor {
        /** @return whether to read the next page */
        boolean visit(JsonNode page) throws IOException;
    }

    @FunctionalInterface
    public interface GitHubApiCall<T> {
        T call(GitHub gitHub) throws IOException;
    }

    private HttpUrl url(ApiRequest request) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments(request.path().substring(1));
        request.queryParameters().forEach(p -> url.addQueryParameter(p[0], p[1]));
        return url.build();
    }

    private Response send(ApiRequest request, HttpUrl url) throws IOException {
        Request.Builder builder = new Request.Builder()
                .url(url)
                .header("Accept", request.acceptHeader())
                .method(
                        request.method(),
                        request.body()
                                .orElse(
                                        HttpMethod.requiresRequestBody(request.method())
                                                ? RequestBody.create(new byte[0])
                                                : null));
        if (request.isAccess()) {
            builder.tag(ApiRequest.Access.class, new ApiRequest.Access());
        }
        if (!request.conditional()) {
            return http().newCall(builder.build()).execute();
        }
        return conditional.send(credential.scope(), builder.build(), http());
    }

    private Response checked(ApiRequest request, Response response) throws IOException {
        if (response.isSuccessful()) {
            return response;
        }
        if (response.code() == 401) {
            throw new GitHubApiException(
                    request.name(),
                    401,
                    credential.refusedHint(),
                    response.headers().toMultimap());
        }
        if (response.code() == 404 && request.notFoundMeaning().isPresent()) {
            throw new GitHubApiException(
                    request.name(),
                    404,
                    request.notFoundMeaning().get(),
                    response.headers().toMultimap());
        }
        throw ApiResponses.failure(request.name(), response);
    }

    private static JsonNode parsed(Response response) throws IOException {
        byte[] body = response.body().bytes();
        return body.length == 0 ? MissingNode.getInstance() : ApiResponses.JSON.readTree(body);
    }

    private static Map<String, List<String>> headersOf(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    copy.put(name, values);
                }
            });
        }
        return copy;
    }
}
