package dev.pipfix.github;

import java.io.IOException;
import java.time.Clock;
import okhttp3.Interceptor;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door every request that is not a read passes on its way to GitHub, whatever sent it (pipfix's own calls or
 * github-api's): in a dry run it is refused and logged, otherwise it takes a slot of the write budget. It sits on the
 * HTTP client of every {@link GitHubApi}, so a write added later cannot pass it by. Requests that only obtain or
 * exchange credentials (an installation token, the OAuth code exchange, the manifest conversion, a webhook
 * redelivery) are marked {@link ApiRequest#access()} and pass: they change nothing in a repository.
 */
public final class WriteGate {

    private static final Logger LOG = LoggerFactory.getLogger(WriteGate.class);

    /** GitHub's secondary limit on content-creating requests: 80 a minute. */
    public static final int WRITES_PER_MINUTE = 80;

    private final boolean dryRun;
    private final WriteBudget budget;

    public WriteGate(boolean dryRun, WriteBudget budget) {
        this.dryRun = dryRun;
        this.budget = budget;
    }

    /** Writes go through, within GitHub's secondary limit. */
    public static WriteGate writing(Clock clock) {
        return new WriteGate(false, new WriteBudget(WRITES_PER_MINUTE, clock));
    }

    /** Nothing is written: every write is logged and refused. */
    public static WriteGate dryRun(Clock clock) {
        return new WriteGate(true, new WriteBudget(WRITES_PER_MINUTE, clock));
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The interceptor for the HTTP client of requests made as {@code credential}. */
    Interceptor interceptor(Credential credential) {
        return chain -> {
            Request request = chain.request();
            if (!isRead(request.method()) && request.tag(ApiRequest.Access.class) == null) {
                pass(request.method(), request.url().encodedPath(), credential);
            }
            return chain.proceed(request);
        };
    }

    private void pass(String method, String path, Credential credential) throws IOException {
        if (dryRun) {
            LOG.info("DRY_RUN: would {} {}", method, path);
            throw new DryRunException(method + " " + path);
        }
        budget.acquire(credential);
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** A write refused because pipfix runs dry: callers that expect one say what they would have done instead. */
    public static final class DryRunException extends IOException {
        DryRunException(String request) {
            super("DRY_RUN: " + request + " was not sent");
        }
    }
}
