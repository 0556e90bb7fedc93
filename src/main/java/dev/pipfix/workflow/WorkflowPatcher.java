package dev.pipfix.workflow;

import dev.pipfix.runner.RunnerOs;
import dev.pipfix.text.Message;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Builds the fix for a failing step as a patch of the real workflow file: locates the job and step, splices the
 * change into the text (the YAML is never re-serialised, so comments, quoting and layout stay byte for byte),
 * validates the result and diffs it. When no safe patch can be made it says why and still gives the change to make
 * by hand.
 */
public final class WorkflowPatcher {

    private static final String SETUP_UV = "astral-sh/setup-uv@";

    private static final Pattern MAJOR_VERSION = Pattern.compile("^v(\\d+)(?:\\.\\d+){0,2}$");
    /** {@code uses: astral-sh/setup-uv@<sha> # v6.4.3}, as Dependabot and pinning tools write it. */
    private static final Pattern PIN_COMMENT = Pattern.compile("#\\s*v(\\d+)\\b");

    public WorkflowFix fix(FixRequest request) {
        String path = request.path().startsWith("./") ? request.path().substring(2) : request.path();
        FixStrategy strategy = request.strategy();
        WorkflowDocument document;
        try {
            document = WorkflowDocument.parse(path, request.text());
        } catch (WorkflowException e) {
            return byHand(request, path, null, e.why());
        }
        // a composite action is one job; else the job the API named, or without a name the one with the script
        Optional<JobMatcher.Match> found = document.composite()
                ? Optional.of(new JobMatcher.Match(document.jobs().get(0), List.of()))
                : request.job() != null ? JobMatcher.find(document, request.job()) : findByScript(document, request);
        if (found.isEmpty()) {
            return byHand(request, path, null, Message.of("no job called {} in {}", request.job(), path));
        }
        JobMatcher.Match match = found.get();
        WorkflowJob job = match.job();
        if (job.uses() != null) {
            return byHand(
                    request,
                    path,
                    job.id(),
                    Message.of(
                            "job {} calls the reusable workflow {}: the pip step lives there, so the change belongs in"
                                    + " that file",
                            job.id(),
                            job.uses()));
        }
        Optional<WorkflowStep> failing = StepMatcher.find(job, request.step(), request.script());
        if (failing.isEmpty()) {
            return byHand(
                    request,
                    path,
                    job.id(),
                    Message.of("the failing step was not found in job {} of {}", job.id(), path));
        }
        WorkflowStep step = failing.get();
        Platform platform = Platform.of(document, job, step, match.matrixValues(), request.osHint());
        if (document.composite()) {
            // every run step of a composite action must name its shell, the new one too
            platform = new Platform(platform.os(), platform.shell(), false, true);
        }
        if (step.runNode() == null) {
            Message where = step.uses() != null && step.uses().startsWith("./")
                    ? Message.of(
                            "the step runs the local action {}: the pip command is in its `action.yml` (under"
                                    + " `runs.steps`), so the change belongs there",
                            step.uses())
                    : Message.of("the step runs the action {}: the pip command is inside that action", step.uses());
            return advice(
                    strategy,
                    path,
                    job,
                    step,
                    platform,
                    changeByHand(strategy, platform.os(), request.venvPath()),
                    where);
        }
        Platform on = platform;
        BiFunction<UnaryOperator<String>, Message, WorkflowFix> inPlace =
                (edit, nothingToEdit) -> inPlace(path, document, job, step, on, strategy, edit, nothingToEdit);
        return switch (strategy) {
            case VENV -> venv(path, document, job, step, platform, request.venvPath(), FixStrategy.VENV);
            case UV_VENV, SETUP_UV_ACTIVATE -> uvVenv(path, document, job, step, platform, request.venvPath());
            case PIPX ->
                // pipx comes with GitHub's hosted runners, not with a container's image
                platform.container() || CommandEdits.pipx(step.run()).equals(step.run())
                        ? venv(path, document, job, step, platform, request.venvPath(), FixStrategy.VENV)
                        : inPlace.apply(
                                CommandEdits::pipx,
                                Message.of("the failing step has no `pip install` of applications alone"));
            case PIPX_HOME ->
                insertBefore(
                        path,
                        document,
                        job,
                        step,
                        platform,
                        VenvStep.pipxHome(platform, onThisOs(document, job, step, platform)),
                        strategy,
                        UnaryOperator.identity());
            case PYTHON_M_PIP_UPGRADE ->
                inPlace.apply(
                        CommandEdits::pythonMPip,
                        Message.of("the failing step has no `pip install --upgrade pip` to rewrite"));
            case NO_CACHE_DIR ->
                inPlace.apply(
                        CommandEdits::noCacheDir,
                        Message.of("the failing step has no `pip install` to add `--no-cache-dir` to"));
            case SETUP_PYTHON -> setupPython(path, document, job, step, platform);
            case USER_SITE ->
                inPlace.apply(
                        CommandEdits::userSite, Message.of("the failing step has no `pip install` to add `--user` to"));
            case DROP_USER ->
                inPlace.apply(
                        CommandEdits::withoutUser,
                        Message.of("the failing step's `pip install` has no `--user` to drop: the job sets `PIP_USER`"
                                + " (remove it from `env:`), or a configuration file does"));
        };
    }

    private Optional<JobMatcher.Match> findByScript(WorkflowDocument document, FixRequest request) {
        return document.jobs().stream()
                .filter(job -> job.uses() == null
                        && StepMatcher.find(job, request.step(), request.script())
                                .isPresent())
                .findFirst()
                .map(job -> new JobMatcher.Match(job, List.of()));
    }

    /**
     * uv's environment: setup-uv's own activation when the job runs setup-uv v6 or later before the failing step,
     * else a step that creates it with {@code uv venv}.
     */
    private WorkflowFix uvVenv(
            String path,
            WorkflowDocument document,
            WorkflowJob job,
            WorkflowStep step,
            Platform platform,
            String venvPath) {
        Optional<WorkflowStep> setupUv = job.steps().stream()
                .filter(s ->
                        s.index() < step.index() && s.uses() != null && s.uses().startsWith(SETUP_UV))
                .reduce((first, second) -> second);
        if (setupUv.isPresent() && activationSupported(document, setupUv.get())) {
            Optional<WorkflowFix> activated = SetupUvActivation.patch(document, setupUv.get(), step)
                    .map(patched -> validatedActivation(path, document, job, setupUv.get(), step, platform, patched));
            if (activated.isPresent()) {
                return activated.get();
            }
        }
        return venv(path, document, job, step, platform, venvPath, FixStrategy.UV_VENV);
    }

    private WorkflowFix validatedActivation(
            String path,
            WorkflowDocument document,
            WorkflowJob job,
            WorkflowStep setupUv,
            WorkflowStep step,
            Platform platform,
            SetupUvActivation.Patched patched) {
        String change = "activate-environment: true";
        Optional<Message> refusal = patched.alreadyActive()
                ? Optional.of(Message.of(
                        "the job's setup-uv step ({}) already activates an environment, yet uv found none in the"
                                + " failing step: it runs in another directory than the one setup-uv created `.venv`"
                                + " in (compare their `working-directory`), or a step between them changed"
                                + " `VIRTUAL_ENV`",
                        setupUv.displayName()))
                : PatchValidator.activationProblem(
                                document.text(),
                                patched.text(),
                                job.id(),
                                step.index(),
                                setupUv.index(),
                                WorkflowDocument.COMPOSITE_JOB.equals(job.id()))
                        .map(problem -> Message.of("pipfix checked its patch and it did not hold (")
                                .then(problem)
                                .then(Message.of("); add `" + change + "` under the `with:` of the setup-uv step by"
                                        + " hand")));
        if (refusal.isPresent()) {
            return advice(
                    FixStrategy.SETUP_UV_ACTIVATE,
                    path,
                    job,
                    step,
                    platform,
                    patched.alreadyActive() ? null : change,
                    refusal.get());
        }
        return new WorkflowFix(
                FixStrategy.SETUP_UV_ACTIVATE,
                path,
                job.id(),
                step.displayName(),
                platform.os(),
                platform.shell(),
                UnifiedDiff.of(path, document.text(), patched.text()),
                change,
                null,
                patched.text());
    }

    /** setup-uv has {@code activate-environment} since v6; a commit pin counts by its version comment. */
    private static boolean activationSupported(WorkflowDocument document, WorkflowStep setupUv) {
        String ref = setupUv.uses().substring(SETUP_UV.length());
        Matcher version = MAJOR_VERSION.matcher(ref);
        if (version.matches()) {
            return Integer.parseInt(version.group(1)) >= 6;
        }
        if (ref.matches("[0-9a-f]{40}")) {
            for (int line = setupUv.line(); line < setupUv.line() + 3; line++) {
                Matcher comment = PIN_COMMENT.matcher(document.line(line));
                if (document.line(line).contains(ref) && comment.find()) {
                    return Integer.parseInt(comment.group(1)) >= 6;
                }
            }
        }
        return false;
    }

    private WorkflowFix venv(
            String path,
            WorkflowDocument document,
            WorkflowJob job,
            WorkflowStep step,
            Platform platform,
            String venvPath,
            FixStrategy strategy) {
        Optional<Message> ownEnvironment = ownEnvironment(job, step);
        if (ownEnvironment.isPresent()) {
            // a second .venv would hide the one the job means to use; what needs mending is that one
            return advice(strategy, path, job, step, platform, null, ownEnvironment.get());
        }
        String python = platform.os() == RunnerOs.WINDOWS || usesSetupPython(job, step) ? "python" : "python3";
        // uv refuses an existing .venv (a cache may restore one) since 0.10 unless told; --allow-existing, known
        // since uv 0.1.40, works with every uv. Where the failing step installs uv itself, uv is not there yet
        // before it: Python's venv makes the environment, which uv then installs into (VIRTUAL_ENV)
        String create = strategy != FixStrategy.UV_VENV
                ? python + " -m venv"
                : CommandWords.installsUvWithPip(step.run()) ? python + " -m venv" : "uv venv --allow-existing";
        // modules the job installed with apt (python3-pytest) stay importable from the environment
        if (installsPythonWithApt(job, step)) {
            create += " --system-site-packages";
        }
        List<VenvStep.Line> lines = VenvStep.lines(
                platform, create, onThisOs(document, job, step, platform), venvPath, mayLackVenvModule(job));
        return insertBefore(path, document, job, step, platform, lines, strategy, CommandEdits::forVenv);
    }

    private WorkflowFix setupPython(
            String path, WorkflowDocument document, WorkflowJob job, WorkflowStep step, Platform platform) {
        List<VenvStep.Line> lines =
                VenvStep.setupPython(singleLine(step.ifNode()), InsertedAction.SETUP_PYTHON.uses(usesOf(document)));
        if (usesSetupPython(job, step)) {
            return advice(
                    FixStrategy.SETUP_PYTHON,
                    path,
                    job,
                    step,
                    platform,
                    null,
                    Message.of("the job already runs actions/setup-python before the failing step; the pip that failed"
                            + " is another Python's: call `python -m pip` there"));
        }
        return insertBefore(
                path, document, job, step, platform, lines, FixStrategy.SETUP_PYTHON, CommandEdits::forVenv);
    }

    /**
     * The job runs as root (no {@code --user} in its options) in a Debian or Ubuntu image and installs no
     * {@code python3-venv} itself: such images ship pip without venv's ensurepip.
     */
    private static boolean mayLackVenvModule(WorkflowJob job) {
        Node container = job.container()
                ? job.node().getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof ScalarNode key
                                && key.getValue().equals("container"))
                        .map(t -> t.getValueNode())
                        .findFirst()
                        .orElse(null)
                : null;
        if (container == null) {
            return false;
        }
        String image = container instanceof ScalarNode scalar ? scalar.getValue() : valueOf(container, "image");
        String options = container instanceof MappingNode ? valueOf(container, "options") : "";
        String base = image == null ? "" : image.replaceFirst("^(?:docker\\.io/)?(?:library/)?", "");
        boolean debian = base.startsWith("debian") || base.startsWith("ubuntu") || base.startsWith("buildpack-deps");
        boolean installsVenv = job.steps().stream().anyMatch(s -> s.run() != null && namesVenvPackage(s.run()));
        return debian && !installsVenv && (options == null || !options.contains("--user"));
    }

    /** {@code python3-venv} or {@code python3.12-venv} in a script, found with {@code indexOf}: a fork's text. */
    private static boolean namesVenvPackage(String run) {
        for (int at = run.indexOf("-venv"); at >= 0; at = run.indexOf("-venv", at + 1)) {
            String before = run.substring(Math.max(0, at - 12), at);
            int versioned = before.lastIndexOf("python3.");
            if (before.endsWith("python3")
                    || versioned >= 0
                            && versioned + 8 < before.length()
                            && before.substring(versioned + 8).chars().allMatch(Character::isDigit)) {
                return true;
            }
        }
        return false;
    }

    private static String valueOf(Node mapping, String key) {
        if (!(mapping instanceof MappingNode map)) {
            return null;
        }
        return map.getValue().stream()
                .filter(t ->
                        t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .map(t -> t.getValueNode() instanceof ScalarNode v ? v.getValue() : null)
                .findFirst()
                .orElse(null);
    }

    /** An earlier step of the job (or the failing one) installs Python modules with apt: {@code python3-pytest}. */
    private static boolean installsPythonWithApt(WorkflowJob job, WorkflowStep step) {
        return job.steps().stream()
                .filter(s -> s.index() <= step.index() && s.run() != null)
                .anyMatch(s -> CommandWords.aptInstallsPythonModules(s.run()));
    }

    /** Every {@code uses:} of the workflow: its jobs' reusable workflows and its steps' actions. */
    private static List<String> usesOf(WorkflowDocument document) {
        List<String> uses = new java.util.ArrayList<>();
        for (WorkflowJob job : document.jobs()) {
            if (job.uses() != null) {
                uses.add(job.uses());
            }
            for (WorkflowStep step : job.steps()) {
                if (step.uses() != null) {
                    uses.add(step.uses());
                }
            }
        }
        return uses;
    }

    /** A new step right before the failing one, whose script gets {@code runEdit} (sudo and --user dropped). */
    private WorkflowFix insertBefore(
            String path,
            WorkflowDocument document,
            WorkflowJob job,
            WorkflowStep step,
            Platform platform,
            List<VenvStep.Line> lines,
            FixStrategy strategy,
            UnaryOperator<String> runEdit) {
        String change = VenvStep.render(lines, 0, 2, 2, "\n");
        String condition = singleLine(step.ifNode());
        if (step.dash() < 0 || step.ifNode() != null && condition == null) {
            return advice(
                    strategy,
                    path,
                    job,
                    step,
                    platform,
                    change,
                    Message.of("the failing step is written in a form pipfix does not splice into safely; add the step"
                            + " by hand, right before it"));
        }
        String text = document.text();
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        String inserted = VenvStep.render(lines, step.dash(), step.keyColumn(), indentUnit(document, step), newline);
        int insertAt = lineStart(text, firstLineOf(document, step));
        ScalarNode run = step.runNode();
        int runStart = document.offset(run.getStartMark().orElseThrow());
        int runEnd = document.offset(run.getEndMark().orElseThrow());
        String runText = text.substring(runStart, runEnd);
        String patched = text.substring(0, insertAt)
                + inserted
                + text.substring(insertAt, runStart)
                + runEdit.apply(runText)
                + text.substring(runEnd);
        Object expected = ((List<?>) PatchValidator.loadOwn(VenvStep.render(lines, 0, 2, 2, "\n"))).get(0);
        return validated(path, text, patched, job, step, platform, expected, change, strategy);
    }

    private WorkflowFix inPlace(
            String path,
            WorkflowDocument document,
            WorkflowJob job,
            WorkflowStep step,
            Platform platform,
            FixStrategy strategy,
            UnaryOperator<String> edit,
            Message nothingToEdit) {
        ScalarNode run = step.runNode();
        String text = document.text();
        int runStart = document.offset(run.getStartMark().orElseThrow());
        int runEnd = document.offset(run.getEndMark().orElseThrow());
        String runText = text.substring(runStart, runEnd);
        String editedText = edit.apply(runText);
        if (editedText.equals(runText)) {
            return advice(
                    strategy, path, job, step, platform, changeByHand(strategy, platform.os(), ".venv"), nothingToEdit);
        }
        String patched = text.substring(0, runStart) + editedText + text.substring(runEnd);
        return validated(
                path,
                text,
                patched,
                job,
                step,
                platform,
                null,
                edit.apply(run.getValue()).strip(),
                strategy);
    }

    private WorkflowFix validated(
            String path,
            String text,
            String patched,
            WorkflowJob job,
            WorkflowStep step,
            Platform platform,
            Object inserted,
            String change,
            FixStrategy strategy) {
        Optional<Message> problem = PatchValidator.problem(
                text, patched, job.id(), step.index(), inserted, WorkflowDocument.COMPOSITE_JOB.equals(job.id()));
        if (problem.isPresent()) {
            return advice(
                    strategy,
                    path,
                    job,
                    step,
                    platform,
                    change,
                    Message.of("pipfix checked its patch and it did not hold (")
                            .then(problem.get())
                            .then(Message.of("); make the change by hand")));
        }
        return new WorkflowFix(
                strategy,
                path,
                job.id(),
                step.displayName(),
                platform.os(),
                platform.shell(),
                UnifiedDiff.of(path, text, patched),
                change,
                null,
                patched);
    }

    /** The new step goes above the comment lines that introduce the failing step. */
    private static int firstLineOf(WorkflowDocument document, WorkflowStep step) {
        int line = step.line();
        while (line > 0 && document.line(line - 1).strip().startsWith("#")) {
            line--;
        }
        return line;
    }

    /** How far the failing step indents its script, or 2. */
    private static int indentUnit(WorkflowDocument document, WorkflowStep step) {
        ScalarNode run = step.runNode();
        int runLine = run.getStartMark().orElseThrow().getLine();
        if (run.getEndMark().orElseThrow().getLine() > runLine + 1) {
            String content = document.line(runLine + 1);
            int indent = content.length() - content.stripLeading().length();
            if (indent > step.keyColumn()) {
                return indent - step.keyColumn();
            }
        }
        return 2;
    }

    private static int lineStart(String text, int line) {
        int offset = 0;
        for (int i = 0; i < line; i++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset;
    }

    /**
     * The new step's condition: the failing step's, and, in a job whose matrix runs on Windows and on other systems,
     * only on the failing leg's kind: its script is written for one shell, and the other legs did not fail.
     */
    private static String onThisOs(WorkflowDocument document, WorkflowJob job, WorkflowStep step, Platform platform) {
        String condition = singleLine(step.ifNode());
        if (!mixedOsMatrix(document, job) || platform.os() == RunnerOs.UNKNOWN) {
            return condition;
        }
        String os = platform.os() == RunnerOs.WINDOWS ? "runner.os == 'Windows'" : "runner.os != 'Windows'";
        return condition == null ? os : "${{ (" + stripBraces(condition) + ") && " + os + " }}";
    }

    /** {@code runs-on} is an expression and the job's matrix names Windows and another system. */
    private static boolean mixedOsMatrix(WorkflowDocument document, WorkflowJob job) {
        if (!(job.runsOn() instanceof ScalarNode runsOn) || !runsOn.getValue().contains("${{")) {
            return false;
        }
        if (!(WorkflowDocument.value(job.node(), "strategy") instanceof org.snakeyaml.engine.v2.nodes.MappingNode s)) {
            return false;
        }
        org.snakeyaml.engine.v2.nodes.Node matrix = WorkflowDocument.value(s, "matrix");
        if (matrix == null) {
            return false;
        }
        String text = document.text()
                .substring(
                        document.offset(matrix.getStartMark().orElseThrow()),
                        document.offset(matrix.getEndMark().orElseThrow()))
                .toLowerCase(java.util.Locale.ROOT);
        return text.contains("windows") && (text.contains("ubuntu") || text.contains("macos"));
    }

    private static String singleLine(ScalarNode node) {
        if (node == null) {
            return null;
        }
        String value = node.getValue();
        if (value.contains("\n")) {
            return null;
        }
        return value.contains(": ") || value.startsWith("${{") || value.contains("#")
                ? "${{ " + stripBraces(value) + " }}"
                : value;
    }

    private static String stripBraces(String value) {
        String v = value.strip();
        return v.startsWith("${{") && v.endsWith("}}")
                ? v.substring(3, v.length() - 2).strip()
                : v;
    }

    private static boolean usesSetupPython(WorkflowJob job, WorkflowStep failing) {
        return job.steps().stream()
                .anyMatch(s -> s.index() < failing.index()
                        && s.uses() != null
                        && s.uses().startsWith("actions/setup-python"));
    }

    /**
     * No patch for a step that was found: the change to make by hand (or none, when the job has what the change would
     * add), and {@code note} saying why.
     */
    private static WorkflowFix advice(
            FixStrategy strategy,
            String path,
            WorkflowJob job,
            WorkflowStep step,
            Platform platform,
            String change,
            Message note) {
        return WorkflowFix.adviceOnly(
                strategy, path, job.id(), step.displayName(), platform.os(), platform.shell(), change, note);
    }

    /**
     * What to mend when the job has a virtual environment of its own: one the failing step activates (made by an
     * earlier step as root, or missing), or one an earlier step creates that the failing step does not use.
     */
    private static Optional<Message> ownEnvironment(WorkflowJob job, WorkflowStep step) {
        Optional<String> activated = Activation.venvOf(step.run());
        if (activated.isPresent()) {
            Optional<WorkflowStep> madeAsRoot = job.steps().stream()
                    .filter(s -> s.index() <= step.index() && s.run() != null && createsVenvWithSudo(s.run()))
                    .findFirst();
            // made as root, it is there and root's: pip in it, run as the job's user, may not write its site-packages
            return Optional.of(
                    madeAsRoot.isPresent()
                            ? Message.of(
                                    "the failing step activates the virtual environment {}, which step {} creates with `sudo`:"
                                            + " it belongs to root, so pip, run as the job's user, may not install into it."
                                            + " Create it without `sudo` (the job's user owns the workspace), and drop `sudo`"
                                            + " from its pip commands too",
                                    activated.get(),
                                    madeAsRoot.get().displayName())
                            : Message.of(
                                    "the failing step activates the virtual environment {}, yet pip installed outside it: that"
                                            + " environment is missing on this runner (or was not created by this job), so the"
                                            + " activation failed and the system's pip ran. Create it in the job before this"
                                            + " step ({}), or correct its path",
                                    activated.get(),
                                    "python3 -m venv " + activated.get()));
        }
        return job.steps().stream()
                .filter(earlier ->
                        earlier.index() < step.index() && earlier.run() != null && createsVenv(earlier.run()))
                .findFirst()
                .map(earlier -> Message.of(
                        "the job already creates a virtual environment in step {}; the failing step does not use it:"
                                + " activate it there (or call its python), rather than creating a second one",
                        earlier.displayName()));
    }

    /** {@code sudo python3 -m venv venv}, {@code sudo virtualenv venv}: an environment made as root. */
    private static boolean createsVenvWithSudo(String run) {
        for (String line : run.split("\n", -1)) {
            int sudo = line.indexOf("sudo ");
            if (line.length() <= CommandEdits.MAX_LINE_CHARS
                    && sudo >= 0
                    && (sudo == 0 || !Character.isLetterOrDigit(line.charAt(sudo - 1)))
                    && createsVenv(line.substring(sudo) + " ")) {
                return true;
            }
        }
        return false;
    }

    private static boolean createsVenv(String run) {
        return run.contains("-m venv") || run.contains("virtualenv ") || run.contains("uv venv");
    }

    /** No patch: the step or job could not be reached in the file, so the change is given in the OS's default form. */
    private static WorkflowFix byHand(FixRequest request, String path, String jobId, Message why) {
        return WorkflowFix.adviceOnly(
                request.strategy(),
                path,
                jobId,
                request.step(),
                request.osHint(),
                null,
                changeByHand(request.strategy(), request.osHint(), request.venvPath()),
                why);
    }

    /** The runner's default shell for an OS: on Windows pwsh, named in the step, which its script needs. */
    private static Platform defaultPlatform(RunnerOs os) {
        return new Platform(os, os == RunnerOs.WINDOWS ? Shell.PWSH : Shell.BASH, false, os == RunnerOs.WINDOWS);
    }

    /**
     * What to change by hand when there is no patch to apply, or no workflow file to apply it to: the step in the
     * runner's default shell, from the same source as every patch's step.
     */
    public static String changeByHand(FixStrategy strategy, RunnerOs os, String venvPath) {
        return switch (strategy) {
            // the job's shell is not known here: the POSIX script is plain sh, right in any of them
            case VENV ->
                VenvStep.render(
                        VenvStep.lines(
                                defaultPlatform(os),
                                (os == RunnerOs.WINDOWS ? "python" : "python3") + " -m venv",
                                null,
                                venvPath),
                        0,
                        2,
                        2,
                        "\n");
            case UV_VENV ->
                VenvStep.render(
                        VenvStep.lines(defaultPlatform(os), "uv venv --allow-existing", null, venvPath), 0, 2, 2, "\n");
            case SETUP_UV_ACTIVATE -> "activate-environment: true";
            case PIPX -> "pipx install ...";
            case PIPX_HOME -> VenvStep.render(VenvStep.pipxHome(defaultPlatform(os), null), 0, 2, 2, "\n");
            case PYTHON_M_PIP_UPGRADE -> "python -m pip install --upgrade pip";
            case NO_CACHE_DIR -> "pip install --no-cache-dir ...";
            case SETUP_PYTHON ->
                VenvStep.render(VenvStep.setupPython(null, InsertedAction.SETUP_PYTHON.uses(List.of())), 0, 2, 2, "\n");
            case USER_SITE -> "pip install --user ...";
            case DROP_USER -> "pip install ... (without --user)";
        };
    }
}
