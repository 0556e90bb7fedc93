package dev.pipfix.diagnosis;

import dev.pipfix.runner.RunnerOs;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scanning machinery: takes the lines the scanner hands over (those whose start or brackets may matter), in log
 * order, reads each without its frame ({@link LogLines#content}), follows the steps the log's own markers and
 * headers announce, and hands every line a command printed first to the facts all rules share ({@link LogContext}),
 * then to each installer's rules in turn ({@link PipRules}, {@link SetuptoolsRules}, {@link PoetryRules},
 * {@link PipxRules}, {@link UvRules}) until one claims it. The knowledge is in the rules; when unsure, they stay
 * silent.
 */
final class Analyzer {

    private static final Pattern AZURE_SECTION = Pattern.compile("^##\\[section\\]Starting: (.+)$");

    private final List<Rules> rules =
            List.of(new PipRules(), new SetuptoolsRules(), new PoetryRules(), new PipxRules(), new UvRules());
    private final LogContext log = new LogContext(this::stepStarted);
    /** Text that was pasted rather than logged: frames of pasting (backticks, blockquotes, bullets) are read too. */
    private final boolean pasted;

    private boolean inGitHubHeader;
    private boolean inWebHeader;
    private boolean inWebEnv;

    /** @param pasted the log has no timestamps: a copy from a page, an issue or a terminal */
    Analyzer(boolean pasted) {
        this.pasted = pasted;
    }

    /** One line, with its 1-based number. Lines come in log order; lines no rule needs may be left out. */
    void accept(long number, String raw) {
        String line = LogLines.clean(raw);
        String content = LogLines.content(raw, line, pasted);
        if (content.startsWith("##[")) {
            log.rawGitHubLog = true;
            marker(number, content);
            return;
        }
        // a step's header is the workflow's own text, read as it is, not as output
        String header = line.strip();
        if (inWebHeader) {
            if (line.startsWith("  ")) {
                webHeaderLine(header);
                return;
            }
            inWebHeader = false;
        }
        if (line.startsWith("Run ") && !log.rawGitHubLog) {
            // a copy that lost a line break glues the step's first error onto its header
            int glued = pasted ? gluedError(line) : -1;
            log.startStep(glued < 0 ? line : line.substring(0, glued), number);
            inWebHeader = glued < 0;
            inWebEnv = false;
            if (glued >= 0) {
                String rest = line.substring(glued);
                output(new OutputLine(number, LogLines.content(rest, rest, true)));
            }
            return;
        }
        if (inGitHubHeader) {
            if (LogLines.isScriptEcho(raw)) {
                log.step().addScriptLine(header);
            } else if (header.startsWith("shell: ")) {
                log.step().shell = header.substring("shell: ".length());
            }
            return;
        }
        if (log.step() == null && content.startsWith("Image: ")) {
            log.imageOs = osOfImage(content.substring("Image: ".length()));
            return;
        }
        output(new OutputLine(number, content));
    }

    /** A line a command printed: the shared facts first, then each installer's rules until one claims it. */
    private void output(OutputLine line) {
        log.read(line);
        if (log.echoed(line)) {
            return;
        }
        for (Rules installer : rules) {
            if (installer.read(line, log)) {
                return;
            }
        }
    }

    private void marker(long number, String content) {
        if (content.startsWith("##[group]Run ")) {
            log.startStep(content.substring("##[group]".length()), number);
            inGitHubHeader = true;
        } else if (content.startsWith("##[endgroup]")) {
            inGitHubHeader = false;
        } else if (content.startsWith("##[error]")) {
            log.markFailed();
            // a tool's own error annotated as one (::error::ERROR: ...): its words are read as output too
            String rest = content.substring("##[error]".length());
            if (!rest.isBlank() && !rest.startsWith("##[")) {
                output(new OutputLine(number, LogLines.content(rest, LogLines.clean(rest), pasted)));
            }
        } else {
            Matcher azure = AZURE_SECTION.matcher(content);
            if (azure.matches()) {
                log.startStep(azure.group(1).strip(), number);
            }
        }
    }

    /**
     * Where pip's or uv's {@code ERROR: }/{@code error: } starts glued to the text before it ({@code
     * requirements.txtERROR: Could not install ...}); -1 when it does not. Quoted or spaced, it is the script's.
     */
    private static int gluedError(String line) {
        for (String start : new String[] {"ERROR: ", "error: "}) {
            int at = line.indexOf(start, "Run ".length());
            if (at > "Run ".length() && Character.isLetterOrDigit(line.charAt(at - 1))) {
                return at;
            }
        }
        return -1;
    }

    private void webHeaderLine(String content) {
        if (content.startsWith("shell: ")) {
            log.step().shell = content.substring("shell: ".length());
        } else if (content.equals("env:")) {
            inWebEnv = true;
        } else if (!inWebEnv) {
            log.step().addScriptLine(content);
        }
    }

    private void stepStarted() {
        inWebHeader = false;
        rules.forEach(Rules::stepStarted);
    }

    /** The findings, once every line has been read. */
    List<Finding> finish() {
        return log.finish();
    }

    private static RunnerOs osOfImage(String image) {
        String lower = image.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("ubuntu")) {
            return RunnerOs.LINUX;
        }
        if (lower.startsWith("win")) {
            return RunnerOs.WINDOWS;
        }
        if (lower.startsWith("macos")) {
            return RunnerOs.MACOS;
        }
        return RunnerOs.UNKNOWN;
    }
}
