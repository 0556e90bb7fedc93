package dev.pipfix.app;

import java.io.PrintWriter;
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

    /** The parsed command line, or null after printing why not (the caller then exits with 2). */
    CommandLine parse(String[] args, PrintWriter err) {
        try {
            return new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            err.println("pipfix: " + e.getMessage());
            printUsage(err);
            return null;
        }
    }

    void printUsage(PrintWriter writer) {
        HelpFormatter.builder()
                .setShowSince(false)
                .get()
                .printHelp(writer, 100, usage, description, options, 2, 2, null, false);
        writer.flush();
    }
}
