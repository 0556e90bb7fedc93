package dev.pipfix.report;

import dev.pipfix.apply.Suggestion;
import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.Installer;
import dev.pipfix.diagnosis.Kind;
import dev.pipfix.runner.RunnerOs;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.settings.SettingsProblem;
import dev.pipfix.text.Markdown;
import dev.pipfix.workflow.Applications;
import dev.pipfix.workflow.FixStrategy;
import dev.pipfix.workflow.WorkflowFix;
import dev.pipfix.workflow.WorkflowPatcher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the pull-request comment for a failed run from its {@link RunReport}. Pure: text in, text out. Jobs that
 * failed the same way (same cause, same YAML job: the legs of a matrix) share one section; each other cause gets its
 * own. The comment stays under GitHub's size limit by leaving out whole sections, never by cutting a block.
 */
public final class CommentRenderer {

    /** GitHub refuses issue comments over 65,536 characters; keep a margin for the closing lines. */
    static final int MAX_COMMENT_CHARS = 65_536;

    private static final int RESERVED_FOR_FOOTER = 1_000;

    private final Template comment = Template.load("comment.md");
    private final Template resolved = Template.load("resolved.md");
    private final Template job = Template.load("job.md");
    private final Template fixVenv = Template.load("fix/venv.md");
    private final Template fixPipSelfUpgrade = Template.load("causes/pip-self-upgrade/fix.md");
    private final Template fixRootOwnedCache = Template.load("causes/root-owned-cache/fix.md");
    private final Template fixFileLocked = Template.load("causes/file-locked/fix.md");
    private final Template fixSourceTree = Template.load("causes/source-tree-unwritable/fix.md");
    private final Template fixSetupPython = Template.load("fix/setup-python.md");
    private final Template fixUser = Template.load("fix/user.md");
    private final Template fixSetupUv = Template.load("fix/setup-uv-activate.md");
    private final Template fixPipx = Template.load("fix/pipx.md");
    private final Template fixPipxHome = Template.load("causes/pipx-home-unwritable/fix.md");
    private final Template fixDropUser = Template.load("causes/user-site-unavailable/fix.md");
    private final Template fixTargetDirectory = Template.load("causes/target-directory-unwritable/fix.md");
    private final Template patch = Template.load("patch.md");
    private final Template noPatch = Template.load("no-patch.md");
    private final String upgradePipStep = Template.load("upgrade-pip-step.yml").render(Map.of());
    private final Template chownCacheStep = Template.load("chown-cache-step.yml");
    private final String venvNoteLinux =
            Template.load("venv-note-linux.md").render(Map.of()).strip();
    /** Explanations and alternatives per cause. Read once: the renderer is shared by the workers. */
    private final Map<Cause, Template> whyByCause = byCause("why.md", true);

    private final Map<Cause, Template> alternativesByCause = byCause("alternatives.md", false);
    /** uv's own alternatives, where pip's would not apply to it (no user site, its own activation, uv tool). */
    private final Map<Cause, Template> uvAlternativesByCause = byCause("alternatives-uv.md", false);

    public String render(RunReport report) {
        Map<String, String> values = new HashMap<>();
        values.put("marker", CommentMarker.forWorkflow(report.workflowId()));
        Installer installer = installer(report);
        boolean noEnvironment =
                firstKind(report).filter(k -> k == Kind.NO_VIRTUAL_ENVIRONMENT).isPresent();
        values.put(
                "intro",
                intro(
                        report,
                        noEnvironment
                                ? " because uv found no virtual environment to install into."
                                : " because " + installer.command()
                                        + " was not allowed to install where it was told to."));
        String tool = Markdown.codeSpan(installer == Installer.PIP ? "pip install" : installer.command());
        values.put(
                "headline",
                noEnvironment
                        ? tool + " found no environment to install into"
                        : tool + " failed for lack of permission");
        values.put("jobs", "");
        values.put("settings", settings(report));
        values.put("venvPath", Markdown.codeSpan(report.venvPath()));
        int budget =
                MAX_COMMENT_CHARS - RESERVED_FOR_FOOTER - comment.render(values).length();

        List<String> rendered = new ArrayList<>();
        int omitted = 0;
        for (Section section : sections(report)) {
            String text = section(section, report);
            if (text.length() + 1 > budget) {
                omitted++;
                continue;
            }
            budget -= text.length() + 1;
            rendered.add(text);
        }
        String jobs = String.join("\n", rendered);
        if (omitted > 0) {
            jobs += "\n_" + omitted + " more section(s) left out to stay within GitHub's comment size limit;"
                    + " the run's logs show them._\n";
        }
        values.put("jobs", jobs);
        return comment.render(values);
    }

    /**
     * The earlier comment, folded under a note that the workflow now passes. An already resolved comment stays as
     * it is, so that every later successful run makes no write.
     */
    public String resolved(String previousBody, RunReport passingRun) {
        String marker = CommentMarker.forWorkflow(passingRun.workflowId());
        String previous = previousBody.startsWith(marker) ? previousBody.substring(marker.length()) : previousBody;
        if (previous.startsWith("\n### pipfix: resolved")) {
            return previousBody;
        }
        return resolved.render(Map.of(
                "marker", marker,
                "workflow",
                        passingRun.workflowName() == null
                                        || passingRun.workflowName().isBlank()
                                ? "workflow"
                                : Markdown.codeSpan(passingRun.workflowName()),
                "runNumber", Long.toString(passingRun.runNumber()),
                "runUrl", passingRun.runHtmlUrl(),
                "previous", previous.strip()));
    }

    /** Findings grouped by cause and by the YAML job (or failing step) they belong to, in report order. */
    private static List<Section> sections(RunReport report) {
        Map<String, Section> sections = new LinkedHashMap<>();
        for (FailedJob failedJob : report.jobs()) {
            for (int i = 0; i < failedJob.findings().size(); i++) {
                Finding finding = failedJob.findings().get(i);
                Optional<WorkflowFix> fix = i == 0 ? failedJob.fix() : Optional.empty();
                String place = fix.filter(f -> f.job() != null)
                        .map(f -> "job:" + f.job())
                        .orElse("step:" + failedJob.failedStep().orElse(String.valueOf(finding.step())));
                String key = finding.kind() + "|" + finding.cause() + "|" + place;
                sections.computeIfAbsent(key, k -> new Section(finding, fix, new ArrayList<>()))
                        .occurrences()
                        .add(new Occurrence(failedJob, finding));
            }
        }
        return List.copyOf(sections.values());
    }

    /** What was wrong with {@code .github/pipfix.yml}, so that its owner sees it where pipfix speaks. */
    private static String settings(RunReport report) {
        if (report.settingsProblems().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n**Settings:** `" + RepoSettings.PATH + "` on the default branch"
                + " has a problem; pipfix used the default where it says so:\n\n");
        for (SettingsProblem problem : report.settingsProblems()) {
            text.append("- line ")
                    .append(problem.line())
                    .append(": ")
                    .append(problem.message())
                    .append('\n');
        }
        return text.toString();
    }

    /** The tool the report is about: the first finding's (a run's jobs use one installer as a rule). */
    private static Installer installer(RunReport report) {
        return report.jobs().stream()
                .flatMap(job -> job.findings().stream())
                .map(Finding::installer)
                .findFirst()
                .orElse(Installer.PIP);
    }

    private static Optional<Kind> firstKind(RunReport report) {
        return report.jobs().stream()
                .flatMap(job -> job.findings().stream())
                .map(Finding::kind)
                .findFirst();
    }

    private static String intro(RunReport report, String because) {
        if (report.runHtmlUrl() == null) {
            return "This job log shows a failure" + because;
        }
        String workflow = report.workflowName() == null || report.workflowName().isBlank()
                ? "A"
                : "The " + Markdown.codeSpan(report.workflowName());
        return workflow + " workflow failed in [run #" + report.runNumber() + "](" + report.runHtmlUrl() + ") (attempt "
                + report.runAttempt() + ")" + because;
    }

    private String section(Section section, RunReport report) {
        Finding finding = section.finding();
        Occurrence first = section.occurrences().get(0);
        String stepName = first.job().failedStep().orElse(finding.step());
        String step = stepName == null ? "the failing step" : Markdown.codeSpan(stepName);
        Map<String, String> values = new HashMap<>();
        values.put("where", where(section.occurrences(), stepName));
        values.put("logLine", logLines(section.occurrences()));
        values.put("evidence", Markdown.fencedBlock("text", String.join("\n", finding.evidence())));
        values.put(
                "more",
                finding.occurrences() > 1
                        ? "_The step printed " + finding.occurrences() + " errors like this one, for one cause: the fix"
                                + " below mends them all._"
                        : "");
        values.put("why", why(finding));
        values.put("fix", fix(finding, step, section.fix(), report.venvPath(), report.preferredFix()));
        values.put("patch", patch(section.fix(), report.apply()));
        Template alternatives =
                finding.installer() == Installer.UV && uvAlternativesByCause.containsKey(finding.cause())
                        ? uvAlternativesByCause.get(finding.cause())
                        : alternativesByCause.get(finding.cause());
        values.put(
                "alternatives",
                alternatives == null ? "" : alternatives.render(Map.of()).strip());
        String text = job.render(values).replaceAll("\n{3,}", "\n\n").strip() + "\n";
        if (section.occurrences().stream().anyMatch(o -> o.job().logTruncated())) {
            text += "\n_The log was longer than pipfix reads; only its beginning was scanned._\n";
        }
        return text;
    }

    private static String where(List<Occurrence> occurrences, String step) {
        List<String> jobs = occurrences.stream()
                .map(o -> o.job().name())
                .filter(n -> n != null)
                .distinct()
                .map(Markdown::codeSpan)
                .toList();
        String stepPart = step == null ? null : "step " + Markdown.codeSpan(step);
        if (jobs.isEmpty()) {
            return stepPart == null ? "In the log" : "Step " + Markdown.codeSpan(step);
        }
        String jobPart = (jobs.size() == 1 ? "Job " : "Jobs ") + String.join(", ", jobs);
        return stepPart == null ? jobPart : jobPart + ", " + stepPart;
    }

    private static String logLines(List<Occurrence> occurrences) {
        List<String> links = new ArrayList<>();
        for (Occurrence occurrence : occurrences) {
            FailedJob failedJob = occurrence.job();
            Finding finding = occurrence.finding();
            String text = "Log line " + finding.line()
                    + (occurrences.size() > 1 && failedJob.name() != null
                            ? " of " + Markdown.codeSpan(failedJob.name())
                            : "");
            if (failedJob.htmlUrl() == null) {
                links.add(text);
                continue;
            }
            String url = failedJob.failedStepNumber() > 0 && finding.stepLine() > 0
                    ? failedJob.htmlUrl() + "#step:" + failedJob.failedStepNumber() + ":" + finding.stepLine()
                    : failedJob.htmlUrl();
            links.add("[" + text + "](" + url + ")");
        }
        return String.join(", ", links) + (links.size() == 1 ? " says" : " say");
    }

    private String why(Finding finding) {
        String path = finding.path() != null
                ? Markdown.codeSpan(finding.path())
                : switch (finding.cause()) {
                    case SOURCE_TREE_UNWRITABLE -> "the checkout";
                    case PIP_SELF_UPGRADE -> "its own `pip.exe`";
                    default -> "the install directory";
                };
        return whyByCause
                .get(finding.cause())
                .render(Map.of(
                        "path", path,
                        "installer", finding.installer().command(),
                        "error",
                                Markdown.codeSpan(
                                        ErrorTexts.of(finding.kind(), finding.installer(), finding.evidence())),
                        "manager", ErrorTexts.manager(finding.evidence())))
                .strip();
    }

    private String patch(Optional<WorkflowFix> fix, ApplyOptions options) {
        if (fix.isEmpty()) {
            return "";
        }
        WorkflowFix workflowFix = fix.get();
        if (workflowFix.hasDiff()) {
            return patch.render(Map.of(
                            "workflow",
                            Markdown.codeSpan(workflowFix.path()),
                            "diff",
                            Markdown.fencedBlock("diff", workflowFix.diff()),
                            "apply",
                            applyLine(options, workflowFix.diff())))
                    .strip();
        }
        return workflowFix.note() == null
                ? ""
                : noPatch.render(Map.of("note", workflowFix.note().markdown())).strip();
    }

    /** The ways to apply this patch that hold here, {@code git apply} last: it always does. */
    private static String applyLine(ApplyOptions options, String diff) {
        List<String> ways = new ArrayList<>();
        if (options.concerns(diff)) {
            options.suggestionUrl()
                    .ifPresent(url -> ways.add("click **Commit suggestion** on [pipfix's suggestion](" + url + ")"));
            if (options.command()) {
                ways.add("comment `/pipfix apply` to have pipfix commit it");
            }
        }
        ways.add("`git apply` this patch from the repository root");
        String last = ways.remove(ways.size() - 1);
        return "**Apply:** " + (ways.isEmpty() ? last : String.join(", ", ways) + " or " + last) + ".";
    }

    /**
     * The review comment that carries the patch as a suggestion: what it does and for which workflow (not which run:
     * a later run on the same head finds the same text and writes nothing), and the new lines, fenced longer than any
     * backtick run in them.
     */
    public String suggestion(RunReport report, Suggestion suggestion, String summary) {
        String fence = "`".repeat(Math.max(3, Markdown.longestBacktickRun(suggestion.text()) + 1));
        return CommentMarker.forSuggestion(report.workflowId()) + "\n"
                + "**pipfix:** " + summary + ", the fix for the failure of the "
                + Markdown.codeSpan(report.workflowName()) + " workflow. **Commit suggestion** commits it; pipfix's"
                + " comment on the pull request says why.\n\n"
                + fence + "suggestion\n" + suggestion.text() + "\n" + fence + "\n";
    }

    private String fix(
            Finding finding,
            String step,
            Optional<WorkflowFix> workflowFix,
            String venvPath,
            RepoSettings.Fix preferred) {
        FixStrategy strategy = workflowFix.map(WorkflowFix::strategy).orElse(null);
        // the step text the patch inserted, when the fix is a step to add: the comment shows the very same lines
        Optional<String> insertedStep =
                workflowFix.map(WorkflowFix::change).filter(change -> change != null && change.startsWith("- "));
        if (strategy == FixStrategy.SETUP_PYTHON) {
            String stepYaml = insertedStep.orElseGet(
                    () -> WorkflowPatcher.changeByHand(FixStrategy.SETUP_PYTHON, finding.os(), venvPath));
            return fixSetupPython
                    .render(Map.of("step", step, "setupStep", Markdown.fencedBlock("yaml", stepYaml)))
                    .strip();
        }
        if (strategy == FixStrategy.USER_SITE) {
            return fixUser.render(Map.of("step", step)).strip();
        }
        if ((strategy == FixStrategy.VENV || strategy == FixStrategy.UV_VENV)
                && !workflowFix.get().hasDiff()
                && workflowFix.get().change() == null) {
            // the job has an environment of its own (activated, made earlier, made as root): the note below says
            // what to mend in it, and a second one in the comment would contradict it
            return "mend the virtual environment the job already uses, as the note below says: a second one would"
                    + " hide it.";
        }
        if (finding.cause() == Cause.USER_SITE_UNAVAILABLE) {
            return fixDropUser.render(Map.of("step", step)).strip();
        }
        if (strategy == FixStrategy.SETUP_UV_ACTIVATE) {
            return fixSetupUv.render(Map.of("step", step)).strip();
        }
        if (strategy == FixStrategy.PIPX) {
            List<String> apps = Applications.installedBy(finding.command()).orElse(List.of());
            return fixPipx.render(Map.of(
                            "step",
                            step,
                            "apps",
                            apps.isEmpty()
                                    ? "the application"
                                    : String.join(
                                            ", ",
                                            apps.stream()
                                                    .map(Markdown::codeSpan)
                                                    .toList()),
                            "command",
                            "pipx install " + String.join(" ", apps)))
                    .strip();
        }
        if (finding.cause() == Cause.PIPX_HOME_UNWRITABLE) {
            String stepYaml = insertedStep.orElseGet(
                    () -> WorkflowPatcher.changeByHand(FixStrategy.PIPX_HOME, finding.os(), venvPath));
            return fixPipxHome
                    .render(Map.of("step", step, "pipxStep", Markdown.fencedBlock("yaml", stepYaml)))
                    .strip();
        }
        FixStrategy venvStrategy = finding.installer() == Installer.UV ? FixStrategy.UV_VENV : FixStrategy.VENV;
        String stepYaml =
                insertedStep.orElseGet(() -> WorkflowPatcher.changeByHand(venvStrategy, finding.os(), venvPath));
        String venvStep = Markdown.fencedBlock("yaml", stepYaml);
        String fix = switch (finding.cause()) {
            case PIP_SELF_UPGRADE ->
                fixPipSelfUpgrade.render(Map.of("upgradeStep", Markdown.fencedBlock("yaml", upgradePipStep)));
            case ROOT_OWNED_CACHE ->
                fixRootOwnedCache.render(Map.of(
                        "step",
                        step,
                        "installer",
                        finding.installer().command(),
                        "noCacheFlag",
                        finding.installer() == Installer.UV ? "--no-cache" : "--no-cache-dir",
                        "chownStep",
                        Markdown.fencedBlock(
                                "yaml",
                                chownCacheStep.render(
                                        Map.of("installer", finding.installer() == Installer.UV ? "uv" : "pip")))));
            case FILE_LOCKED -> fixFileLocked.render(Map.of("step", step, "venvStep", venvStep));
            case SOURCE_TREE_UNWRITABLE -> fixSourceTree.render(Map.of("step", step));
            case TARGET_DIRECTORY_UNWRITABLE -> fixTargetDirectory.render(Map.of("step", step));
            default ->
                fixVenv.render(Map.of(
                        "step",
                        step,
                        "venvStep",
                        venvStep,
                        "venvNote",
                        finding.os() == RunnerOs.LINUX ? venvNoteLinux : "",
                        "installerNote",
                        installerNote(finding.installer()),
                        "venvPath",
                        Markdown.codeSpan(venvPath)));
        };
        if ((strategy == FixStrategy.VENV || strategy == FixStrategy.UV_VENV)
                && preferred != null
                && preferred != RepoSettings.Fix.VENV) {
            // the repository asked for another fix, which cannot mend this cause
            fix = fix.strip() + " (`.github/pipfix.yml` asks for `fix: " + preferred.id() + "`, which does not fix"
                    + " this cause, so the fix here is a virtual environment.)";
        }
        return fix.strip();
    }

    /** What the virtual environment asks of the failing step's commands, by the installer that ran them. */
    private static String installerNote(Installer installer) {
        return switch (installer) {
            case PIP ->
                "; the commands themselves need no change. If the failing step runs `sudo pip`, drop `sudo`:"
                        + " it would bypass the virtual environment.";
            case UV ->
                ", and uv installs into the environment `VIRTUAL_ENV` names. Drop uv's `--system` from the"
                        + " failing step (the patch does): it makes uv pass over the virtual environment.";
            case POETRY ->
                ", and Poetry, told not to create environments of its own (`virtualenvs.create false`),"
                        + " installs into the one that is active; the commands themselves need no change.";
            case PIPX -> "; pipx itself needs no change.";
        };
    }

    /** One of each cause's texts: a cause's words are all in its folder, {@code causes/<id>/}. */
    private static Map<Cause, Template> byCause(String file, boolean required) {
        Map<Cause, Template> templates = new EnumMap<>(Cause.class);
        for (Cause cause : Cause.values()) {
            String path = "causes/" + cause.id() + "/" + file;
            Optional<Template> template = Template.loadOptional(path);
            if (template.isEmpty() && required) {
                throw new IllegalStateException("missing template " + path);
            }
            template.ifPresent(t -> templates.put(cause, t));
        }
        return templates;
    }

    /** Findings that read the same, with the jobs they came from. */
    private record Section(Finding finding, Optional<WorkflowFix> fix, List<Occurrence> occurrences) {}

    private record Occurrence(FailedJob job, Finding finding) {}
}
