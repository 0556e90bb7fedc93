package dev.pipfix.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.github.Credential;
import dev.pipfix.github.GitHubApi;
import dev.pipfix.github.GitHubConnection;
import dev.pipfix.github.GitHubErrors;
import dev.pipfix.github.JobLogs;
import dev.pipfix.github.OwnAccount;
import dev.pipfix.github.PullRequests;
import dev.pipfix.github.RunJobs;
import dev.pipfix.github.StickyComments;
import dev.pipfix.github.WorkflowFiles;
import dev.pipfix.github.WriteGate;
import dev.pipfix.metrics.Metrics;
import dev.pipfix.queue.CompletedRun;
import dev.pipfix.queue.InMemoryCommentTurns;
import dev.pipfix.queue.RunResult;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.text.Markdown;
import dev.pipfix.web.MalformedPayloadException;
import dev.pipfix.web.WorkflowRunPayload;
import dev.pipfix.worker.Alongside;
import dev.pipfix.worker.ProcessCompletedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;

/**
 * {@code pipfix action}: the server's worker path for one run, in the workflow the Action runs in, with the
 * workflow's token and no database. It reads the {@code workflow_run} event the runner saved, diagnoses the run's
 * failed jobs, comments on its pull requests (or resolves the earlier comment when the run passed), and writes the
 * outcome to the job summary and the step's outputs. Its own failures (GitHub down, a permission missing) are
 * reported and end with exit 0, unless {@code fail-on-error} asks otherwise: pipfix does not turn a red run redder.
 */
public final class ActionCommand {

    static final int FAILED = 1;
    /** How many times a transient GitHub failure (a 502, a reset connection) is tried again, and how long it waits. */
    private static final int ATTEMPTS = 3;

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    private static final long MAX_EVENT_BYTES = 25L * 1024 * 1024;

    private final ActionEnvironment env;
    private final Clock clock;
    private final String userAgent;

    public ActionCommand(Map<String, String> environment, Clock clock, String version) {
        this.env = ActionEnvironment.of(environment);
        this.clock = clock;
        this.userAgent = "pipfix/" + version;
    }

    /** The outcome in one line for the log, one block for the summary, and the step's outputs. */
    private record Outcome(String line, String summary, int findings, String commentUrl) {}

    /** pipfix could not do its work: the reason is the user's to read. */
    private static final class CannotFinish extends Exception {
        CannotFinish(String reason) {
            super(reason);
        }
    }

    public int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0) {
            boolean help = args[0].equals("-h") || args[0].equals("--help");
            (help ? out : err)
                    .println("Usage: java -jar pipfix.jar action\n"
                            + "Run as a GitHub Action step in a workflow triggered by workflow_run: reads"
                            + " GITHUB_EVENT_PATH, GITHUB_TOKEN, GITHUB_API_URL, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT"
                            + " as the runner sets them. It takes no arguments.");
            return help ? 0 : 2;
        }
        StepFiles files = new StepFiles(env.summary(), env.output());
        Outcome outcome;
        boolean failed = false;
        try {
            outcome = withinBudget();
        } catch (CannotFinish e) {
            failed = true;
            err.println("::warning title=pipfix::" + annotation(e.getMessage()));
            outcome = new Outcome(
                    "pipfix could not finish: " + e.getMessage(),
                    "**pipfix** could not finish:\n\n" + Markdown.fencedBlock("text", e.getMessage()),
                    0,
                    "");
        }
        out.println(outcome.line());
        try {
            files.summary(outcome.summary());
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("findings", Integer.toString(outcome.findings()));
            outputs.put("comment-url", outcome.commentUrl());
            files.outputs(outputs);
        } catch (IOException e) {
            err.println("::warning title=pipfix::the job summary or the step's outputs could not be written: "
                    + annotation(String.valueOf(e.getMessage())));
        }
        return failed && env.failOnError() ? FAILED : 0;
    }

    /**
     * The work on a thread of its own, stopped at the time budget: a fork's run cannot hold the base repository's
     * runner until the job's timeout, whatever its logs and workflow hold.
     */
    private Outcome withinBudget() throws CannotFinish {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread worker = new Thread(runnable, "pipfix-action");
            worker.setDaemon(true);
            return worker;
        });
        Future<Outcome> outcome = thread.submit(this::work);
        try {
            return outcome.get(env.timeBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new CannotFinish(
                    "pipfix ran past its time budget of " + env.timeBudget().toSeconds()
                            + " s (the action's `time-budget-seconds`) and stopped before it finished");
        } catch (InterruptedException e) {
            outcome.cancel(true);
            Thread.currentThread().interrupt();
            throw new CannotFinish("pipfix was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CannotFinish cannotFinish) {
                throw cannotFinish;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            thread.shutdownNow();
        }
    }

    private Outcome work() throws CannotFinish {
        if (!env.eventName().equals("workflow_run")) {
            throw new CannotFinish("pipfix action reads a workflow_run event (its workflow needs `on: workflow_run`,"
                    + " as the README shows); this job was started by " + Markdown.codeSpan(env.eventName()));
        }
        if (env.eventPath().isEmpty()) {
            throw new CannotFinish("GITHUB_EVENT_PATH is not set: run pipfix action as a step of a workflow");
        }
        String token = env.token()
                .orElseThrow(() -> new CannotFinish("no token: give the action `github-token` (its default is"
                        + " `${{ github.token }}`) with `actions: read`, `contents: read` and `pull-requests: write`"));
        WorkflowRunPayload payload = payload();
        try {
            if (!"completed".equals(payload.action())) {
                return nothing("the run is " + Markdown.codeSpan(payload.action()) + ", not completed: nothing to do");
            }
            String conclusion = payload.conclusion();
            if (!WorkflowRunPayload.FAILING_CONCLUSIONS.contains(conclusion) && !"success".equals(conclusion)) {
                return nothing("the run concluded " + Markdown.codeSpan(String.valueOf(conclusion))
                        + ": pipfix reads failed runs, and passing ones"
                        + " resolve its earlier comment");
            }
            CompletedRun run = payload.toCompletedRun("workflow_run-" + env.repository());
            return outcome(run, handle(run, token));
        } catch (MalformedPayloadException e) {
            throw new CannotFinish("the event is not a workflow_run event pipfix can read: " + e.getMessage());
        }
    }

    private WorkflowRunPayload payload() throws CannotFinish {
        try {
            if (Files.size(env.eventPath().get()) > MAX_EVENT_BYTES) {
                throw new CannotFinish("the event file is larger than any workflow_run event");
            }
            JsonNode root = new ObjectMapper().readTree(env.eventPath().get().toFile());
            return new WorkflowRunPayload(root);
        } catch (IOException e) {
            throw new CannotFinish("the event file " + env.eventPath().get() + " could not be read: " + e.getMessage());
        } catch (MalformedPayloadException e) {
            throw new CannotFinish(e.getMessage());
        }
    }

    /** The worker's path, tried again when GitHub fails for a moment and says (or lets us guess) when to return. */
    private RunResult handle(CompletedRun run, String token) throws CannotFinish {
        OkHttpClient http = GitHubConnection.httpClient().build();
        GitHubApi api = new GitHubConnection(http, env.apiUrl(), env.serverUrl(), userAgent)
                .withGate(WriteGate.writing(clock))
                .api(new Credential.Token(token, "action:" + env.repository()));
        try (Alongside alongside = new Alongside(2)) {
            ProcessCompletedRun worker = new ProcessCompletedRun(
                    any -> api,
                    new RunJobs(),
                    new JobLogs(JobLogs.DEFAULT_MAX_BYTES),
                    new PullRequests(),
                    new StickyComments(OwnAccount.of(OwnAccount.ACTIONS_BOT)),
                    new InMemoryCommentTurns(),
                    new LogScanner(),
                    new CommentRenderer(),
                    new WorkflowFiles(),
                    new Metrics(),
                    alongside);
            for (int attempt = 1; ; attempt++) {
                try {
                    return worker.handle(run);
                } catch (IOException e) {
                    Instant now = clock.instant();
                    GitHubErrors.Verdict verdict = GitHubErrors.classify(e, now);
                    Instant retryAt = verdict.retryAt().orElse(now.plusSeconds(attempt * 2L));
                    if (verdict.permanent() || attempt == ATTEMPTS || retryAt.isAfter(now.plus(LONGEST_WAIT))) {
                        throw new CannotFinish(verdict.reason()
                                + verdict.retryAt()
                                        .filter(at -> at.isAfter(now.plus(LONGEST_WAIT)))
                                        .map(at -> "; GitHub asks to wait until " + at + ", longer than a job"
                                                + " should be held: re-run this job then")
                                        .orElse(""));
                    }
                    sleepUntil(retryAt);
                }
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private Outcome outcome(CompletedRun run, RunResult result) {
        String runName = "run #" + run.runNumber() + " of " + Markdown.codeSpan(run.workflowName());
        String url = result.commentUrls().isEmpty() ? "" : result.commentUrls().get(0);
        return switch (result.outcome()) {
            case COMMENTED ->
                new Outcome(
                        "pipfix: " + result.findings() + " finding(s); " + result.detail()
                                + (url.isEmpty() ? "" : " " + url),
                        result.comment().orElse("") + "\n\n" + (url.isEmpty() ? "" : "_Posted: " + url + "_\n"),
                        result.findings(),
                        url);
            case NO_PULL_REQUEST ->
                new Outcome(
                        "pipfix: " + result.detail(),
                        result.comment()
                                .map(text -> text + "\n\n_Not posted: " + Markdown.codeSpan(result.detail()) + "._\n")
                                .orElse("**pipfix:** " + Markdown.codeSpan(result.detail()) + "."),
                        result.findings(),
                        "");
            case NO_FINDING ->
                new Outcome(
                        "pipfix: " + result.detail(),
                        "**pipfix:** the failed jobs of " + runName + " show no installer permission error; no"
                                + " comment.",
                        0,
                        "");
            default ->
                new Outcome(
                        "pipfix: " + result.detail(),
                        "**pipfix:** " + runName + ": " + Markdown.codeSpan(result.detail()) + ".",
                        result.findings(),
                        url);
        };
    }

    private static Outcome nothing(String why) {
        // the values in it went through Markdown.codeSpan where they were put in
        return new Outcome("pipfix: " + why, "**pipfix:** " + why + ".", 0, "");
    }

    private void sleepUntil(Instant at) throws CannotFinish {
        long millis = Duration.between(clock.instant(), at).toMillis();
        try {
            Thread.sleep(Math.max(1_000, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotFinish("interrupted while waiting for GitHub");
        }
    }

    /** Workflow commands end at a line break; the runner decodes these escapes in an annotation's message. */
    private static String annotation(String message) {
        return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }
}
