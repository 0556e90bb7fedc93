package dev.pipfix.app;

import dev.pipfix.diagnosis.LogDetector;
import dev.pipfix.github.Credential;
import dev.pipfix.github.GitHubApi;
import dev.pipfix.github.GitHubApiException;
import dev.pipfix.github.GitHubConnection;
import dev.pipfix.github.JobLogs;
import dev.pipfix.github.RunJobs;
import dev.pipfix.github.Runs;
import dev.pipfix.github.ScannedLog;
import dev.pipfix.github.WorkflowFiles;
import dev.pipfix.github.WorkflowJob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * {@code analyze RUN_URL}'s input: the run, its failed jobs' logs through the engine (streamed, as the server reads
 * them), and the workflow file at the run's head commit. What cannot be used is a {@link Refused} with the one line
 * to print.
 */
final class RunInput {

    private static final Set<String> FAILING = Set.of("failure", "timed_out", "startup_failure");

    /** A job of the run and its scanned log. */
    record ScannedJob(WorkflowJob job, ScannedLog log) {}

    /**
     * @param workflowPath the workflow file's path in the repository, without {@code @ref}; empty for a run that has
     *                     none ({@code dynamic})
     * @param workflowText the file at the head commit; empty when it could not be read, and {@code unreadable} says
     *                     why
     */
    record Fetched(
            Runs.Run run,
            List<ScannedJob> jobs,
            Optional<String> workflowPath,
            Optional<String> workflowText,
            String unreadable) {}

    /** The run cannot be analyzed: the message is the line to print. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private RunInput() {}

    static Fetched fetch(RunUrl url, String token, Optional<String> apiUrl, String userAgent, LogDetector detector)
            throws Refused {
        OkHttpClient http = GitHubConnection.httpClient().build();
        GitHubApi api = new GitHubConnection(http, url.apiUrl(apiUrl), "https://" + url.host(), userAgent)
                .api(new Credential.Token(token, "analyze"));
        try {
            return fetch(api, url, detector);
        } catch (GitHubApiException e) {
            throw new Refused(refusal(url, e));
        } catch (IOException e) {
            throw new Refused("GitHub could not be reached at " + url.apiUrl(apiUrl) + ": " + e.getMessage());
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static Fetched fetch(GitHubApi api, RunUrl url, LogDetector detector) throws IOException, Refused {
        Runs runs = new Runs();
        String repository = url.repository();
        List<WorkflowJob> jobs;
        Runs.Run run;
        if (url.jobId().isPresent()) {
            Runs.Job job = runs.job(api, repository, url.jobId().get());
            if (job.runId() != url.runId()) {
                throw new Refused(
                        "job " + url.jobId().get() + " belongs to run " + job.runId() + ", not to run " + url.runId());
            }
            run = runs.run(api, repository, url.runId(), Optional.of(job.attempt()));
            if (!job.job().failed()) {
                throw new Refused("job " + url.jobId().get() + " (" + job.job().name() + ") did not fail (conclusion: "
                        + job.job().conclusion() + "): there is nothing to diagnose");
            }
            jobs = List.of(job.job());
        } else {
            run = runs.run(api, repository, url.runId(), url.attempt());
            if (!run.completed()) {
                throw new Refused(
                        "run " + url.runId() + " is still " + run.status() + ": analyze it once it has" + " finished");
            }
            if (!FAILING.contains(run.conclusion())) {
                throw new Refused("run " + url.runId() + " (attempt " + run.attempt() + ") did not fail (conclusion: "
                        + run.conclusion() + "): there is nothing to diagnose");
            }
            jobs = new RunJobs()
                    .ofAttempt(api, repository, run.id(), run.attempt()).stream()
                            .filter(WorkflowJob::failed)
                            .toList();
        }
        JobLogs logs = new JobLogs(JobLogs.DEFAULT_MAX_BYTES);
        List<ScannedJob> scanned = new ArrayList<>();
        for (WorkflowJob job : jobs) {
            scanned.add(new ScannedJob(job, logs.scan(api, repository, job.id(), detector)));
        }
        String path = WorkflowFiles.stripRef(run.path());
        if ("dynamic".equals(run.event()) || path.isBlank()) {
            return new Fetched(run, scanned, Optional.empty(), Optional.empty(), "the run has no workflow file");
        }
        try {
            return new Fetched(
                    run,
                    scanned,
                    Optional.of(path),
                    Optional.of(new WorkflowFiles().read(api, repository, path, run.headSha())),
                    "");
        } catch (IOException e) {
            return new Fetched(
                    run,
                    scanned,
                    Optional.of(path),
                    Optional.empty(),
                    "the workflow file could not be read at " + run.headSha() + " (" + e.getMessage() + ")");
        }
    }

    private static String refusal(RunUrl url, GitHubApiException e) {
        return switch (e.status()) {
            case 401 ->
                "GitHub refused the token (401): it is expired or revoked; set GITHUB_TOKEN or GH_TOKEN to"
                        + " a valid one (gh auth token prints yours)";
            case 404 ->
                "GitHub answered 404 for run " + url.runId() + " of " + url.repository() + ": there is no"
                        + " such run, or the token cannot see the repository";
            case 403 ->
                "GitHub refused (403): " + e.getMessage() + "; the token needs read access to the"
                        + " repository's actions";
            default -> e.getMessage();
        };
    }
}
