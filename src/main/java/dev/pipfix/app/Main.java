package dev.pipfix.app;

import dev.pipfix.action.ActionCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/** The {@code pipfix.jar} entry point. Without a command it serves, as {@code Procfile} expects. */
public final class Main {

    static final String VERSION = "pipfix 0.1.0";
    static final int USAGE = 2;
    private static final String COMMANDS = String.join(
            "\n",
            "Usage: java -jar pipfix.jar [COMMAND] [OPTIONS]",
            "Explains the permission errors of Python installers (pip, uv, pipx, Poetry) in failed GitHub Actions runs.",
            "",
            "Commands:",
            "  serve                 run the GitHub App (the default): webhooks on POST /webhook",
            "  analyze LOG|RUN_URL   diagnose a saved job log, or a run on GitHub (analyze --help for its options)",
            "  action                the GitHub Action's step: one workflow_run event, no server (action --help)",
            "  replay FILE           send a saved delivery to a running pipfix, signed (replay --help)",
            "",
            "  -h, --help            show this help",
            "  -V, --version         show the version");

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err);
        out.flush();
        err.flush();
        if (status != ServeCommand.SERVING) {
            System.exit(status);
        }
    }

    /** Runs one command; returns its exit status, or {@link ServeCommand#SERVING} when the server runs on. */
    static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        return switch (command) {
            case "serve" -> new ServeCommand().run(rest, out, err);
            case "analyze" -> new AnalyzeCommand(System.getenv()).run(rest, in, out, err);
            case "action" ->
                new ActionCommand(System.getenv(), Clock.systemUTC(), BuildVersion.read()).run(rest, out, err);
            case "replay" -> new ReplayCommand(System.getenv(), Path.of(".env")).run(rest, out, err);
            case "-h", "--help", "help" -> {
                out.println(COMMANDS);
                yield 0;
            }
            case "-V", "--version" -> {
                out.println(VERSION);
                yield 0;
            }
            default -> {
                err.println("pipfix: unknown command '" + command + "'");
                err.println(COMMANDS);
                yield USAGE;
            }
        };
    }
}
