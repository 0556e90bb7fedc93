package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Response;

/** GitHub's error answers as {@link GitHubApiException}s, and its {@code Link} header. */
final class ApiResponses {

    static final ObjectMapper JSON = new ObjectMapper();
    /** An error body is quoted in the exception; a proxy may answer with a whole HTML page. */
    private static final int MAX_DETAIL_CHARS = 300;
    /** Enough of an error body to find its {@code message}. */
    private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

    private ApiResponses() {}

    /** The error of a response, with its headers, so that rate limits can be waited out. */
    static GitHubApiException failure(String request, Response response) throws IOException {
        return new GitHubApiException(
                request,
                response.code(),
                errorDetail(response.peekBody(MAX_ERROR_BODY_BYTES).string()),
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

    /** The {@code rel="next"} URL of a {@code Link} header; empty on the last page. */
    static Optional<String> nextLink(String link) {
        if (link == null) {
            return Optional.empty();
        }
        for (String part : link.split(",")) {
            if (part.contains("rel=\"next\"")) {
                return Optional.of(part.substring(part.indexOf('<') + 1, part.indexOf('>')));
            }
        }
        return Optional.empty();
    }
}
