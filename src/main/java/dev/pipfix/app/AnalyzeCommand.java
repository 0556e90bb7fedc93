package dev.pipfix.app;

import dev.pipfix.apply.FixCommitMessage;
import dev.pipfix.diagnosis.Diagnosis;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.diagnosis.NotALogException;
import dev.pipfix.fix.RunFixes;
import dev.pipfix.github.JobStep;
import dev.pipfix.github.Runs;
import dev.pipfix.logs.JobDiagnosis;
import dev.pipfix.logs.SavedLogs;
import dev.pipfix.report.Advice;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.report.FailedJob;
import dev.pipfix.report.RunReport;
import dev.pipfix.workflow.WorkflowFix;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** {@code pipfix analyze LOG}: the engine the server uses, on a saved job log. */
final class AnalyzeCommand {

    enum Format {
        TEXT,
        JSON,
        MARKDOWN
    }

    static final int BAD_INPUT = 2;

    private final Map<String, String> env;
    private List<String> logs;
    private String workflow;
    private String job;

    AnalyzeCommand(Map<String, String> env) {
        this.env = env;
    }

    int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandOptions options = new CommandOptions(
                        "java -jar pipfix.jar analyze LOG... [--workflow FILE [--job NAME]] [--format text|json|markdown]\n"
                                + "       java -jar pipfix.jar analyze RUN_URL [--format text|json|markdown]",
                        "Diagnose saved GitHub Actions logs: a job's log (raw, as downloaded, or copied from the web"
                                + " page), the output of gh run view --log or --log-failed, or a run's log archive"
                                + " (zip); LOG may be - for standard input. Or a run on GitHub, by its URL"
                                + " (https://github.com/OWNER/REPO/actions/runs/RUN_ID, also .../job/JOB_ID and"
                                + " .../attempts/N): its failed jobs' logs and its workflow file at the run's commit are"
                                + " read with the token in GITHUB_TOKEN or GH_TOKEN (GitHub Enterprise Server: set"
                                + " GITHUB_API_URL). Exit 0 when the analysis ran, findings or not; 2 for bad usage,"
                                + " unreadable input, or a run that cannot be read or did not fail.")
                .with(Option.builder()
                        .longOpt("format")
                        .hasArg()
                        .argName("text|json|markdown")
                        .desc("text for people (default), json for tools, markdown: the pull-request comment")
                        .get())
                .with(Option.builder()
                        .longOpt("workflow")
                        .hasArg()
                        .argName("FILE")
                        .desc("the workflow file the log came from: also build the patch (give its path from the"
                                + " repository root, as the diff names it)")
                        .get())
                .with(Option.builder()
                        .longOpt("job")
                        .hasArg()
                        .argName("NAME")
                        .desc("the job's id or display name; without it the job is found from the log")
                        .get());
        CommandOptions.Parsed parsed = options.parse(args, out, err);
        if (parsed.line().isEmpty()) {
            return parsed.exitCode();
        }
        CommandLine line = parsed.line().get();
        logs = line.getArgList();
        if (logs.isEmpty() || logs.stream().filter("-"::equals).count() > 1) {
            err.println("pipfix analyze: give one LOG or more (a file, or - once for standard input)");
            options.printUsage(err);
            return BAD_INPUT;
        }
        Format format;
        try {
            format = Format.valueOf(line.getOptionValue("format", "text").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println(
                    "pipfix analyze: --format is '" + line.getOptionValue("format") + "': give text, json or markdown");
            return BAD_INPUT;
        }
        workflow = line.getOptionValue("workflow");
        job = line.getOptionValue("job");
        if (job != null && workflow == null) {
            err.println("pipfix analyze: --job needs --workflow");
            return BAD_INPUT;
        }
        return analyze(format, stdin, out, err);
    }

    /** One job's log of the input, as the engine read it. */
    private record Analyzed(String log, Optional<String> job, Diagnosis diagnosis) {

        /** How the text output names it: the file, and the job when the file holds several. */
        String label() {
            return job.map(name -> log + " (job " + name + ")").orElse(log);
        }
    }

    /** The workflow file to patch: its path in the repository, as the diff names it, and its text. */
    private record WorkflowSource(String path, String text) {}

    private int analyze(Format format, InputStream stdin, PrintWriter out, PrintWriter err) {
        LogScanner engine = new LogScanner(Runtime.getRuntime().availableProcessors());
        if (logs.size() == 1 && RunUrl.looksLikeUrl(logs.get(0))) {
            return analyzeRun(format, engine, out, err);
        }
        List<Analyzed> analyzed = new ArrayList<>();
        for (String log : logs) {
            List<JobDiagnosis> jobs;
            try (InputStream in = open(log, stdin)) {
                jobs = SavedLogs.scan(in, engine);
            } catch (BadInputException | NotALogException e) {
                err.println("pipfix analyze: " + log + ": " + e.getMessage());
                return BAD_INPUT;
            } catch (IOException e) {
                err.println("pipfix analyze: " + log + ": cannot be read: " + e.getMessage());
                return BAD_INPUT;
            }
            if (jobs.stream().mapToLong(job -> job.diagnosis().bytes()).sum() == 0) {
                err.println("pipfix analyze: " + log + ": the file is empty; give a job log (for a run: gh run view"
                        + " RUN --log-failed > job.log)");
                return BAD_INPUT;
            }
            jobs.forEach(job -> analyzed.add(new Analyzed(log, job.job(), job.diagnosis())));
        }
        Optional<WorkflowFix> fix;
        try {
            fix = fix(analyzed, workflowFile());
        } catch (IOException e) {
            err.println("pipfix analyze: " + workflow + ": cannot be read: " + e.getMessage());
            return BAD_INPUT;
        }
        return print(format, analyzed, fix, f -> RunReport.ofLogs(reportJobs(analyzed), f), out, err);
    }

    /** {@code analyze RUN_URL}: the run's failed jobs and its workflow file, read from GitHub. */
    private int analyzeRun(Format format, LogScanner engine, PrintWriter out, PrintWriter err) {
        String argument = logs.get(0);
        Optional<RunUrl> url = RunUrl.parse(argument);
        if (url.isEmpty()) {
            err.println("pipfix analyze: " + argument + " is not a run's URL: give"
                    + " https://github.com/OWNER/REPO/actions/runs/RUN_ID (or .../job/JOB_ID, .../attempts/N)");
            return BAD_INPUT;
        }
        if (workflow != null) {
            err.println("pipfix analyze: with a run's URL the workflow file is read from the run: leave out"
                    + " --workflow");
            return BAD_INPUT;
        }
        Optional<String> token = Optional.ofNullable(env.get("GITHUB_TOKEN"))
                .or(() -> Optional.ofNullable(env.get("GH_TOKEN")))
                .filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            err.println("pipfix analyze: reading a run needs a token, even for a public repository's logs: set"
                    + " GITHUB_TOKEN or GH_TOKEN (for example GH_TOKEN=$(gh auth token))");
            return BAD_INPUT;
        }
        RunInput.Fetched fetched;
        try {
            fetched = RunInput.fetch(
                    url.get(),
                    token.get(),
                    Optional.ofNullable(env.get("GITHUB_API_URL")).filter(u -> !u.isBlank()),
                    "pipfix/" + BuildVersion.read(),
                    engine);
        } catch (RunInput.Refused e) {
            err.println("pipfix analyze: " + e.getMessage());
            return BAD_INPUT;
        }
        if (fetched.jobs().isEmpty()) {
            err.println("pipfix analyze: run " + fetched.run().id() + " failed before any job ran: there is no log to"
                    + " read");
            return BAD_INPUT;
        }
        List<Analyzed> analyzed = fetched.jobs().stream()
                .map(scanned -> new Analyzed(
                        argument,
                        Optional.of(scanned.job().name()),
                        scanned.log().diagnosis()))
                .toList();
        Optional<WorkflowSource> source = fetched.workflowText()
                .map(text -> new WorkflowSource(fetched.workflowPath().orElseThrow(), text));
        boolean found =
                analyzed.stream().anyMatch(a -> !a.diagnosis().findings().isEmpty());
        if (found && source.isEmpty()) {
            err.println("pipfix analyze: no patch: " + fetched.unreadable());
        }
        Optional<WorkflowFix> fix;
        try {
            fix = fix(analyzed, source);
        } catch (IOException e) {
            err.println("pipfix analyze: " + e.getMessage());
            return BAD_INPUT;
        }
        return print(format, analyzed, fix, f -> runReport(fetched, f), out, err);
    }

    /** The comment as the App would post it for this run: its number, attempt, links to the jobs' log lines. */
    private static RunReport runReport(RunInput.Fetched fetched, Optional<WorkflowFix> fix) {
        List<FailedJob> jobs = new ArrayList<>();
        for (RunInput.ScannedJob scanned : fetched.jobs()) {
            if (scanned.log().diagnosis().findings().isEmpty()) {
                continue;
            }
            jobs.add(new FailedJob(
                    scanned.job().name(),
                    scanned.job().htmlUrl(),
                    scanned.job().failedStep().map(JobStep::name),
                    scanned.job().failedStep().map(JobStep::number).orElse(0),
                    scanned.log().diagnosis().findings(),
                    scanned.log().truncated(),
                    jobs.isEmpty() ? fix : Optional.empty()));
        }
        Runs.Run run = fetched.run();
        return new RunReport(run.name(), run.workflowId(), run.number(), run.attempt(), run.htmlUrl(), jobs);
    }

    private int print(
            Format format,
            List<Analyzed> analyzed,
            Optional<WorkflowFix> fix,
            java.util.function.Function<Optional<WorkflowFix>, RunReport> report,
            PrintWriter out,
            PrintWriter err) {
        boolean found =
                analyzed.stream().anyMatch(a -> !a.diagnosis().findings().isEmpty());
        try {
            switch (format) {
                case JSON -> out.println(AnalysisJson.of(json(analyzed), fix));
                case MARKDOWN -> {
                    if (!found) {
                        // no finding, no comment: the App would post nothing
                        err.println("pipfix analyze: no installer permission error found, so there is no comment");
                    } else {
                        out.print(new CommentRenderer().render(report.apply(fix)));
                    }
                }
                default -> {
                    // the patch is the first finding's: its fix line says what the patch does, not the cause's default
                    Optional<Finding> patched = analyzed.stream()
                            .flatMap(a -> a.diagnosis().findings().stream())
                            .findFirst()
                            .filter(f -> fix.filter(WorkflowFix::hasDiff).isPresent());
                    analyzed.forEach(a -> text(out, a, patched, fix));
                }
            }
            if (format == Format.TEXT) {
                patch(out, fix);
            }
        } catch (IOException e) {
            err.println("pipfix analyze: cannot write the result: " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    /** Each finding with the job, and the file when several were given, it came from. */
    private List<AnalysisJson.Located> json(List<Analyzed> analyzed) {
        List<AnalysisJson.Located> located = new ArrayList<>();
        for (Analyzed a : analyzed) {
            for (Finding finding : a.diagnosis().findings()) {
                located.add(new AnalysisJson.Located(
                        logs.size() > 1 ? Optional.of(a.log()) : Optional.empty(), a.job(), finding));
            }
        }
        return located;
    }

    /** The jobs with findings, as the comment lists them. */
    private static List<RunReport.LogJob> reportJobs(List<Analyzed> analyzed) {
        return analyzed.stream()
                .filter(a -> !a.diagnosis().findings().isEmpty())
                .map(a -> new RunReport.LogJob(a.job(), a.diagnosis().findings()))
                .toList();
    }

    private static InputStream open(String log, InputStream stdin) throws IOException {
        if (log.equals("-")) {
            return stdin;
        }
        Path path = Path.of(log);
        if (Files.isDirectory(path)) {
            throw new BadInputException("is a directory; give a job log, gh run view's output or a run's log zip");
        }
        if (!Files.exists(path)) {
            throw new BadInputException("no such file");
        }
        if (!Files.isReadable(path)) {
            throw new BadInputException("cannot be read (permission denied)");
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file");
        }
    }

    /**
     * The patch for the first finding, when a workflow file was given and a change fixes the cause. Its job is the one
     * {@code --job} names, else the one the input named, else the patcher finds it from the log's script.
     */
    private Optional<WorkflowFix> fix(List<Analyzed> analyzed, Optional<WorkflowSource> source) throws IOException {
        Optional<Analyzed> first = analyzed.stream()
                .filter(a -> !a.diagnosis().findings().isEmpty())
                .findFirst();
        if (source.isEmpty() || first.isEmpty()) {
            return Optional.empty();
        }
        Finding finding = RunFixes.findingOf(first.get().diagnosis().findings()).orElseThrow();
        return RunFixes.fix(
                finding,
                new RunFixes.Workflow(
                        source.get().path(),
                        source.get().text(),
                        job != null ? job : first.get().job().orElse(null),
                        finding.step()),
                RunFixes.Preference.NONE);
    }

    /** The file {@code --workflow} names, read; none without the option. */
    private Optional<WorkflowSource> workflowFile() throws IOException {
        if (workflow == null) {
            return Optional.empty();
        }
        Path file = Path.of(workflow);
        if (Files.isDirectory(file) || !Files.isReadable(file)) {
            throw new IOException(Files.isDirectory(file) ? "is a directory" : "no such file, or not readable");
        }
        return Optional.of(new WorkflowSource(workflow, Files.readString(file, StandardCharsets.UTF_8)));
    }

    private static void text(PrintWriter out, Analyzed analyzed, Optional<Finding> patched, Optional<WorkflowFix> fix) {
        Diagnosis diagnosis = analyzed.diagnosis();
        if (diagnosis.findings().isEmpty()) {
            out.printf(
                    "%s: no installer permission error found (%,d lines read)%n", analyzed.label(), diagnosis.lines());
            return;
        }
        Advice advice = new Advice();
        out.printf(
                "%s: %d installer permission error%s%n",
                analyzed.label(),
                diagnosis.findings().size(),
                diagnosis.findings().size() == 1 ? "" : "s");
        for (Finding f : diagnosis.findings()) {
            out.println();
            out.printf("line %d: %s (%s)%n", f.line(), f.kind().id(), f.cause().id());
            if (f.step() != null) {
                out.printf("  step:     %s%s%n", f.step(), f.stepFailed() ? " (failed)" : "");
            }
            if (f.command() != null) {
                out.printf("  command:  %s%n", f.command());
            }
            if (f.path() != null) {
                out.printf("  path:     %s%n", f.path());
            }
            out.printf("  os:       %s%n", f.os().id());
            for (String line : f.evidence()) {
                out.printf("  evidence: %s%n", line);
            }
            if (patched.isPresent() && patched.get() == f) {
                String does = FixCommitMessage.summary(fix.orElseThrow().strategy());
                out.printf(
                        "  fix:      %s (the patch below).%n",
                        Character.toUpperCase(does.charAt(0)) + does.substring(1));
            } else {
                out.printf("  fix:      %s%n", advice.sentence(f.cause()));
            }
        }
    }

    private static void patch(PrintWriter out, Optional<WorkflowFix> patch) {
        if (patch.isPresent()) {
            WorkflowFix fix = patch.get();
            out.println();
            if (fix.hasDiff()) {
                out.printf("patch for %s (git apply from the repository root):%n%n%s", fix.path(), fix.diff());
            } else {
                out.printf("no patch: %s%n", fix.note().plain());
                if (fix.change() != null) {
                    out.printf("the change to make by hand:%n%s%n", fix.change().stripTrailing());
                }
            }
        }
    }

    /** The input is not something the engine can read; the message says why. */
    private static final class BadInputException extends IOException {
        BadInputException(String message) {
            super(message);
        }
    }
}
