package dev.pipfix.app;

import dev.pipfix.diagnosis.Diagnosis;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.diagnosis.NotALogException;
import dev.pipfix.fix.Fixes;
import dev.pipfix.logs.JobDiagnosis;
import dev.pipfix.logs.SavedLogs;
import dev.pipfix.report.Advice;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.report.RunReport;
import dev.pipfix.workflow.FixRequest;
import dev.pipfix.workflow.FixStrategy;
import dev.pipfix.workflow.WorkflowFix;
import dev.pipfix.workflow.WorkflowPatcher;
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

    private List<String> logs;
    private String workflow;
    private String job;

    int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandOptions options = new CommandOptions(
                        "java -jar pipfix.jar analyze LOG... [--workflow FILE [--job NAME]] [--format text|json|markdown]",
                        "Diagnose saved GitHub Actions logs: a job's log (raw, as downloaded, or copied from the web"
                                + " page), the output of gh run view --log or --log-failed, or a run's log archive"
                                + " (zip); LOG may be - for standard input. Exit 0 when the analysis ran, findings or"
                                + " not; 2 for bad usage or unreadable input.")
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

    private int analyze(Format format, InputStream stdin, PrintWriter out, PrintWriter err) {
        LogScanner engine = new LogScanner(Runtime.getRuntime().availableProcessors());
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
            fix = fix(analyzed);
        } catch (IOException e) {
            err.println("pipfix analyze: " + workflow + ": cannot be read: " + e.getMessage());
            return BAD_INPUT;
        }
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
                        out.print(new CommentRenderer().render(RunReport.ofLogs(reportJobs(analyzed), fix)));
                    }
                }
                default -> analyzed.forEach(a -> text(out, a));
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
    private Optional<WorkflowFix> fix(List<Analyzed> analyzed) throws IOException {
        Optional<Analyzed> first = analyzed.stream()
                .filter(a -> !a.diagnosis().findings().isEmpty())
                .findFirst();
        if (workflow == null || first.isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(workflow);
        if (Files.isDirectory(file) || !Files.isReadable(file)) {
            throw new IOException(Files.isDirectory(file) ? "is a directory" : "no such file, or not readable");
        }
        Finding finding = first.get().diagnosis().findings().get(0);
        Optional<FixStrategy> strategy = Fixes.strategyFor(finding);
        if (strategy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowPatcher()
                .fix(new FixRequest(
                        workflow,
                        Files.readString(file, StandardCharsets.UTF_8),
                        job != null ? job : first.get().job().orElse(null),
                        finding.step(),
                        finding.script(),
                        strategy.get(),
                        finding.os())));
    }

    private static void text(PrintWriter out, Analyzed analyzed) {
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
            out.printf("  fix:      %s%n", advice.sentence(f.cause()));
        }
    }

    private static void patch(PrintWriter out, Optional<WorkflowFix> patch) {
        if (patch.isPresent()) {
            WorkflowFix fix = patch.get();
            out.println();
            if (fix.hasDiff()) {
                out.printf("patch for %s (git apply from the repository root):%n%n%s", fix.path(), fix.diff());
            } else {
                out.printf("no patch: %s%n", fix.note());
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
