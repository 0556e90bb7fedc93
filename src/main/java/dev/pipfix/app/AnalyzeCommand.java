package dev.pipfix.app;

import dev.pipfix.diagnosis.Diagnosis;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.diagnosis.NotALogException;
import dev.pipfix.report.Advice;
import dev.pipfix.report.CommentRenderer;
import dev.pipfix.report.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipfix analyze LOG}: the engine the server uses, on a saved job log. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Diagnose a saved GitHub Actions job log (raw, as downloaded, or copied from the web page).",
            "Exit 0 when the analysis ran, findings or not; 2 for bad usage or unreadable input."})
final class AnalyzeCommand implements Callable<Integer> {

    enum Format { TEXT, JSON, MARKDOWN }

    static final int BAD_INPUT = 2;

    @Parameters(paramLabel = "LOG", description = "the job log file, or - for standard input")
    private String log;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
            description = "text for people (default), json for tools, markdown: the pull-request comment")
    private Format format;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Diagnosis diagnosis;
        try (InputStream in = open()) {
            diagnosis = new LogScanner().scan(in);
        } catch (BadInputException | NotALogException e) {
            err.println("pipfix analyze: " + log + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("pipfix analyze: " + log + ": cannot be read: " + e.getMessage());
            return BAD_INPUT;
        }
        if (diagnosis.bytes() == 0) {
            err.println("pipfix analyze: " + log + ": the file is empty; give a job log (for a run: gh run view"
                    + " RUN --log-failed > job.log)");
            return BAD_INPUT;
        }
        try {
            switch (format) {
                case JSON -> out.println(AnalysisJson.of(diagnosis));
                case MARKDOWN -> out.print(new CommentRenderer().render(RunReport.ofLog(diagnosis.findings(), false)));
                default -> text(out, diagnosis);
            }
        } catch (IOException e) {
            err.println("pipfix analyze: cannot write the result: " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    private InputStream open() throws IOException {
        if (log.equals("-")) {
            return System.in;
        }
        Path path = Path.of(log);
        if (Files.isDirectory(path)) {
            throw new BadInputException("is a directory; give one job log file");
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

    private void text(PrintWriter out, Diagnosis diagnosis) {
        if (diagnosis.findings().isEmpty()) {
            out.printf("%s: no pip permission error found (%,d lines read)%n", log, diagnosis.lines());
            return;
        }
        Advice advice = new Advice();
        out.printf("%s: %d pip permission error%s%n", log, diagnosis.findings().size(),
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

    /** The input is not something the engine can read; the message says why. */
    private static final class BadInputException extends IOException {
        BadInputException(String message) {
            super(message);
        }
    }
}
