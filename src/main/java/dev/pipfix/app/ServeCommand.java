package dev.pipfix.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.commons.cli.CommandLine;

/** {@code pipfix serve}: the GitHub App, configured from the environment and {@code .env}. */
final class ServeCommand {

    /** Not an exit status: the server runs until the process is stopped. */
    static final int SERVING = -1;

    int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandOptions options = new CommandOptions(
                "java -jar pipfix.jar serve",
                "Run the GitHub App: receive webhooks on POST /webhook and comment on pull requests."
                        + " Settings come from the environment and .env (see README).");
        CommandOptions.Parsed parsed = options.parse(args, out, err);
        if (parsed.line().isEmpty()) {
            return parsed.exitCode();
        }
        CommandLine line = parsed.line().get();
        Config config;
        try {
            LogFormat.apply(
                    ConfigLoader.settings(System.getenv(), Path.of(".env")).get("LOG_FORMAT"));
            config = ConfigLoader.load(System.getenv(), Path.of(".env"));
        } catch (ConfigException e) {
            err.println("pipfix: " + e.getMessage());
            return Main.USAGE;
        }
        PipfixServer server = new PipfixServer(config, Clock.systemUTC());
        // installed before the start, so that a SIGTERM while the port is open and the database still opening stops
        // it cleanly; a start that fails has closed what it opened, and the hook goes
        Thread shutdown = new Thread(server::close, "pipfix-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            server.start();
        } catch (PipfixServer.StartupException e) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            err.println("pipfix: " + e.getMessage());
            return Main.USAGE;
        }
        return SERVING;
    }
}
