package dev.pipfix.diagnosis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What the log shows of one step: its header, its script, the pip commands it traced, and whether it failed. */
final class Step {

    static final int MAX_SCRIPT_LINES = 200;

    final String name;
    final long headerLine;
    private final List<String> script = new ArrayList<>();
    /** What {@link #scriptRuns} found, by pattern. */
    private final Map<Pattern, Boolean> scriptRuns = new HashMap<>(4);

    String shell;
    boolean failed;
    /** The last pip command seen running in this step (set -x trace, [command] line, BuildKit RUN), and where. */
    String tracedCommand;

    long tracedCommandLine;
    /** pip warned that its cache directory is not owned by or not writable for the current user. */
    boolean cacheNotWritable;
    /** An earlier step of the same job ran pip under sudo. */
    boolean afterSudoPip;
    /** How many candidates the step has among those held. */
    int candidates;
    /** Errors past the step's share of candidates: counted, not kept. */
    int unkept;

    Step(String name, long headerLine) {
        this.name = name;
        this.headerLine = headerLine;
    }

    /**
     * The echoed script; a header that echoed none ({@code Run owner/action@ref}, or a runner that does not echo)
     * stands for it with its own text.
     */
    List<String> script() {
        if (!script.isEmpty()) {
            return List.copyOf(script);
        }
        return name.startsWith("Run ") ? List.of(name.substring("Run ".length())) : List.of();
    }

    void addScriptLine(String line) {
        if (script.size() < MAX_SCRIPT_LINES) {
            script.add(PipCommands.capped(line));
            scriptRuns.clear();
        }
    }

    /** The step ran pip (or uv's pip) under sudo: in its script, or as its trace shows. */
    boolean ranSudoPip() {
        if (tracedCommand != null && PipCommands.usesSudo(tracedCommand)) {
            return true;
        }
        return script().stream().anyMatch(line -> PipCommands.usesSudo(line) && PipCommands.isPipInstall(line));
    }

    /**
     * Whether a line of the script runs what the pattern finds; asked once per pattern while the script stays as
     * it is (a log may repeat an error line millions of times in one step).
     */
    boolean scriptRuns(Pattern command) {
        return scriptRuns.computeIfAbsent(
                command, p -> script().stream().anyMatch(line -> p.matcher(line).find()));
    }
}
