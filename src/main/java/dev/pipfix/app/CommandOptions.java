package dev.pipfix.app;

import java.io.PrintWriter;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** Parses one command's options with Commons CLI, and prints its usage when asked or when they are wrong. */
final class CommandOptions {

    private final String usage;
    private final String description;
    private final Options options = new Options();

    CommandOptions(String usage, String description) {
        this.usage = usage;
        this.description = description;
        options.addOption(
                Option.builder("h").longOpt("help").desc("show this help").build());
    }

    CommandOptions with(Option option) {
        options.addOption(option);
        return this;
    }

    /**
     * The command line to run, or the exit code when there is nothing to run: 0 after printing the help it asked
     * for, {@link Main#USAGE} after printing why the options are wrong.
     */
    record Parsed(Optional<CommandLine> line, int exitCode) {}

    Parsed parse(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            err.println("pipfix: " + e.getMessage());
            printUsage(err);
            return new Parsed(Optional.empty(), Main.USAGE);
        }
        if (line.hasOption("help")) {
            printUsage(out);
            return new Parsed(Optional.empty(), 0);
        }
        return new Parsed(Optional.of(line), 0);
    }

    void printUsage(PrintWriter writer) {
        HelpFormatter.builder()
                .setShowSince(false)
                .get()
                .printHelp(writer, 100, usage, description, options, 2, 2, null, false);
        writer.flush();
    }
}
