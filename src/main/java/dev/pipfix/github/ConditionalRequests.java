package dev.pipfix.github;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Answers GitHub gave with an {@code ETag}, kept in memory so that the same question is asked again with
 * {@code If-None-Match}: on {@code 304 Not Modified} the kept answer is used, and GitHub does not count an authorized
 * 304 against the rate limit. A repeat failure reads the settings file and the workflow file at the same SHA this
 * way.
 *
 * <p>Not OkHttp's {@code Cache}: GitHub answers {@code Vary: Authorization}, so that cache would miss every time an
 * installation token is renewed, and it would write the tokens it varies on to disk. Here answers are kept per
 * credential scope (an installation, the App), whatever its token is at the moment, and nothing leaves memory. The
 * least recently used answers go first once {@code maxBytes} are held; an answer over {@link #MAX_ENTRY_BYTES} is not
 * kept.
 */
public final class ConditionalRequests {

    static final int MAX_ENTRY_BYTES = 512 * 1024;

    private final long maxBytes;
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
    private long heldBytes;

    private record Kept(String etag, Headers headers, byte[] body) {}

    public ConditionalRequests(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Response send(String scope, Request request, OkHttpClient http) throws IOException {
        String key = scope + " " + request.header("Accept") + " " + request.url();
        Optional<Kept> known = lookUp(key);
        Request asked = known.map(k ->
                        request.newBuilder().header("If-None-Match", k.etag()).build())
                .orElse(request);
        Response response = http.newCall(asked).execute();
        if (response.code() == 304 && known.isPresent()) {
            response.close();
            return response.newBuilder()
                    .code(200)
                    .message("OK (not modified)")
                    .headers(known.get().headers())
                    .body(ResponseBody.create(known.get().body(), null))
                    .build();
        }
        String etag = response.header("ETag");
        if (response.code() != 200 || etag == null || maxBytes == 0) {
            return response;
        }
        if (response.body().contentLength() > MAX_ENTRY_BYTES) {
            return response;
        }
        BufferedSource source = response.body().source();
        if (source.request(MAX_ENTRY_BYTES + 1L)) {
            // longer than an answer worth keeping; what was read stays in the source's buffer
            return response;
        }
        byte[] body = source.readByteArray();
        keep(key, new Kept(etag, response.headers(), body));
        return response.newBuilder()
                .body(ResponseBody.create(body, response.body().contentType()))
                .build();
    }

    /** How many bytes of answers are held. */
    public synchronized long heldBytes() {
        return heldBytes;
    }

    private synchronized Optional<Kept> lookUp(String key) {
        return Optional.ofNullable(kept.get(key));
    }

    private synchronized void keep(String key, Kept answer) {
        Kept previous = kept.put(key, answer);
        heldBytes += answer.body().length - (previous == null ? 0 : previous.body().length);
        Iterator<Map.Entry<String, Kept>> eldest = kept.entrySet().iterator();
        while (heldBytes > maxBytes && eldest.hasNext()) {
            heldBytes -= eldest.next().getValue().body().length;
            eldest.remove();
        }
    }
}
