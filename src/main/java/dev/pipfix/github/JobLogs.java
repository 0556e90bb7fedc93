package dev.pipfix.github;

import dev.pipfix.diagnosis.Diagnosis;
import dev.pipfix.diagnosis.LogDetector;
import java.io.IOException;
import okhttp3.Response;

/**
 * Streams a job's log through the diagnosis engine. GitHub answers with a redirect to a short-lived storage URL;
 * OkHttp follows it and drops the Authorization header on the way. github-api would read the whole log into
 * memory, so this does not use it. At most {@code maxBytes} are read; the engine bounds its own memory per line.
 */
public final class JobLogs {

    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final long maxBytes;

    public JobLogs(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public ScannedLog scan(InstallationClient client, String repository, long jobId, LogDetector detector)
            throws IOException {
        String path = "/repos/" + repository + "/actions/jobs/" + jobId + "/logs";
        try (Response response = client.http().newCall(client.get(path).build()).execute()) {
            if (!response.isSuccessful()) {
                throw ApiResponses.failure("GET " + path, response);
            }
            CappedInputStream log = new CappedInputStream(response.body().byteStream(), maxBytes);
            Diagnosis diagnosis = detector.scan(log);
            return new ScannedLog(diagnosis, log.truncated());
        }
    }
}
