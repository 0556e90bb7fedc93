package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Reads GitHub's JSON answers and turns error statuses into {@link GitHubApiException}s. */
final class ApiResponses {

    static final ObjectMapper JSON = new ObjectMapper();
    /** An error body is quoted in the exception; a proxy may answer with a whole HTML page. */
    private static final int MAX_DETAIL_CHARS = 300;

    private ApiResponses() {}

    static JsonNode json(String request, Response response) throws IOException {
        ResponseBody body = response.body();
        if (!response.isSuccessful()) {
            throw failure(request, response);
        }
        return JSON.readTree(body.byteStream());
    }

    /** The error of a response, with its headers, so that rate limits can be waited out. */
    static GitHubApiException failure(String request, Response response) throws IOException {
        return new GitHubApiException(
                request,
                response.code(),
                errorDetail(response.body().string()),
                response.headers().toMultimap());
    }

    static String errorDetail(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException notJson) {
            // quote the start of the body instead
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_DETAIL_CHARS ? flat : flat.substring(0, MAX_DETAIL_CHARS) + "…";
    }

    /** The {@code rel="next"} URL of a {@code Link} header, or null on the last page. */
    static String nextLink(String link) {
        if (link == null) {
            return null;
        }
        for (String part : link.split(",")) {
            if (part.contains("rel=\"next\"")) {
                return part.substring(part.indexOf('<') + 1, part.indexOf('>'));
            }
        }
        return null;
    }
}
