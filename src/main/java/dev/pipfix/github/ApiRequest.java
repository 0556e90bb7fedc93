package dev.pipfix.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * One REST call as pipfix describes it: method, path below the API's base, query, body, the media type it accepts,
 * and what a 404 means. {@link GitHubApi} adds the base URL, the credential and the common headers.
 *
 * <p>The path is given as a template whose {@code {name}} parts are filled in order, so that the request is named in
 * errors and logs by its real path (the status page shows which run failed), unless a part is a secret
 * ({@link #named}).
 */
public final class ApiRequest {

    static final String JSON_MEDIA = "application/vnd.github+json";
    public static final String RAW_MEDIA = "application/vnd.github.raw+json";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final String method;
    private final String path;
    private String name;
    private final List<String[]> query = new ArrayList<>();
    private RequestBody body;
    private String accept = JSON_MEDIA;
    private String notFound;
    private boolean conditional;
    private boolean access;

    /** The tag of a request that only obtains or exchanges credentials: the {@link WriteGate} lets it pass. */
    record Access() {}

    private ApiRequest(String method, String template, Object... parts) {
        this.method = method;
        this.path = expand(template, parts);
        this.name = method + " " + path;
        this.conditional = method.equals("GET");
    }

    public static ApiRequest get(String template, Object... parts) {
        return new ApiRequest("GET", template, parts);
    }

    public static ApiRequest post(String template, Object... parts) {
        return new ApiRequest("POST", template, parts);
    }

    public static ApiRequest patch(String template, Object... parts) {
        return new ApiRequest("PATCH", template, parts);
    }

    public static ApiRequest put(String template, Object... parts) {
        return new ApiRequest("PUT", template, parts);
    }

    public static ApiRequest delete(String template, Object... parts) {
        return new ApiRequest("DELETE", template, parts);
    }

    public ApiRequest query(String name, Object value) {
        query.add(new String[] {name, String.valueOf(value)});
        return this;
    }

    /** A JSON body: a map or a Jackson node. Without one a POST is sent empty, as operations without a body want. */
    public ApiRequest json(Object value) {
        try {
            this.body = RequestBody.create(ApiResponses.JSON.writeValueAsBytes(value), JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + value.getClass(), e);
        }
        return this;
    }

    /** A form body, as GitHub's OAuth endpoints take. */
    public ApiRequest form(Map<String, String> fields) {
        FormBody.Builder form = new FormBody.Builder();
        fields.forEach(form::add);
        this.body = form.build();
        return this;
    }

    public ApiRequest accept(String mediaType) {
        this.accept = mediaType;
        return this;
    }

    /** What a 404 means here, for the message; without it the 404 says what GitHub said. */
    public ApiRequest notFound(String meaning) {
        this.notFound = meaning;
        return this;
    }

    /** The name errors and logs use, for a request whose path holds a secret (a one-time code). */
    public ApiRequest named(String name) {
        this.name = name;
        return this;
    }

    /**
     * A request that obtains or exchanges credentials, or asks GitHub to send a webhook again: it changes nothing in
     * a repository, so it is sent in a dry run too and takes no slot of the write budget.
     */
    public ApiRequest access() {
        this.access = true;
        return this;
    }

    boolean isAccess() {
        return access;
    }

    /** Not asked conditionally, its answer not kept: a stream (a job's log) or an answer read once. */
    public ApiRequest unconditional() {
        this.conditional = false;
        return this;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    String name() {
        return name;
    }

    List<String[]> queryParameters() {
        return query;
    }

    Optional<RequestBody> body() {
        return Optional.ofNullable(body);
    }

    String acceptHeader() {
        return accept;
    }

    Optional<String> notFoundMeaning() {
        return Optional.ofNullable(notFound);
    }

    boolean conditional() {
        return conditional;
    }

    private static String expand(String template, Object... parts) {
        StringBuilder path = new StringBuilder();
        int next = 0;
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                path.append(template, at, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (next >= parts.length) {
                throw new IllegalArgumentException("no value for " + template.substring(open, close + 1));
            }
            String part = String.valueOf(parts[next++]);
            for (String segment : part.split("/", -1)) {
                // a value from a payload or a callback must not climb out of its place in the path
                if (segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("a path part may not be . or ..: " + part);
                }
            }
            path.append(template, at, open).append(part);
            at = close + 1;
        }
        if (next != parts.length) {
            throw new IllegalArgumentException(parts.length + " values for " + next + " parts of " + template);
        }
        return path.toString();
    }
}
