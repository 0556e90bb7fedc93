package dev.pipfix.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pipfix.jar} entry point. Without a command it serves, as {@code Procfile} expects. */
@Command(name = "pipfix", mixinStandardHelpOptions = true, version = "pipfix 0.1.0",
        description = "Explains pip permission errors in failed GitHub Actions runs.",
        subcommands = {Main.Serve.class, AnalyzeCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        return new Serve().call();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the GitHub App: receive webhooks on POST /webhook and comment on pull requests.")
    static final class Serve implements Callable<Integer> {

        @Override
        public Integer call() {
            Config config;
            try {
                config = ConfigLoader.load(System.getenv(), Path.of(".env"));
            } catch (ConfigException e) {
                System.err.println("pipfix: " + e.getMessage());
                return 2;
            }
            PipfixServer server = new PipfixServer(config, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pipfix-shutdown"));
            server.start();
            return waitForever();
        }

        private static int waitForever() {
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }
}
