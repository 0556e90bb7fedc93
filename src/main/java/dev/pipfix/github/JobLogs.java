package dev.pipfix.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import okhttp3.Response;

/**
 * Streams a job's log line by line. GitHub answers with a redirect to a short-lived storage URL; OkHttp follows it
 * and drops the Authorization header on the way. github-api would read the whole log into memory, so this does not
 * use it. Memory stays bounded whatever the log: at most {@code maxLineBytes} of a line are kept, and reading stops
 * after {@code maxBytes}.
 */
public final class JobLogs {

    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final long maxBytes;

    public JobLogs(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public LogRead stream(InstallationClient client, String repository, long jobId, Consumer<String> lines)
            throws IOException {
        String path = "/repos/" + repository + "/actions/jobs/" + jobId + "/logs";
        try (Response response = client.http().newCall(client.get(path).build()).execute()) {
            if (!response.isSuccessful()) {
                throw new GitHubApiException("GET " + path, response.code(),
                        ApiResponses.errorDetail(response.body().string()));
            }
            return split(response.body().byteStream(), lines);
        }
    }

    LogRead split(InputStream in, Consumer<String> lines) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] line = new byte[MAX_LINE_BYTES];
        int lineLength = 0;
        long total = 0;
        long count = 0;
        boolean truncated = false;
        int read;
        while ((read = in.read(buffer)) != -1) {
            int usable = read;
            if (total + read > maxBytes) {
                usable = (int) (maxBytes - total);
                truncated = true;
            }
            for (int i = 0; i < usable; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    lines.accept(new String(line, 0, lineLength, StandardCharsets.UTF_8));
                    count++;
                    lineLength = 0;
                } else if (lineLength < MAX_LINE_BYTES) {
                    line[lineLength++] = b;
                }
            }
            total += usable;
            if (truncated) {
                break;
            }
        }
        if (lineLength > 0) {
            lines.accept(new String(Arrays.copyOf(line, lineLength), StandardCharsets.UTF_8));
            count++;
        }
        return new LogRead(total, count, truncated);
    }
}
