package dev.pipfix.github;

import dev.pipfix.diagnosis.Diagnosis;
import dev.pipfix.diagnosis.LogDetector;
import java.io.IOException;

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

    public ScannedLog scan(GitHubApi api, String repository, long jobId, LogDetector detector) throws IOException {
        return api.read(
                ApiRequest.get("/repos/{repo}/actions/jobs/{id}/logs", repository, jobId)
                        .unconditional(),
                body -> {
                    CappedInputStream log = new CappedInputStream(body, maxBytes);
                    Diagnosis diagnosis = detector.scan(log);
                    return new ScannedLog(diagnosis, log.truncated());
                });
    }
}
