package dev.pipfix.report;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.Os;
import dev.pipfix.workflow.WorkflowFix;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders the pull-request comment for a failed run from its {@link RunReport}. Pure: text in, text out. */
public final class CommentRenderer {

    /** GitHub refuses issue comments over 65,536 characters; keep a margin for the closing lines. */
    static final int MAX_COMMENT_CHARS = 65_536;
    private static final int RESERVED_FOR_FOOTER = 1_000;

    private final Template comment = Template.load("comment.md");
    private final Template job = Template.load("job.md");
    private final Template fixVenv = Template.load("fix/venv.md");
    private final Template fixPipSelfUpgrade = Template.load("fix/pip-self-upgrade.md");
    private final Template fixRootOwnedCache = Template.load("fix/root-owned-cache.md");
    private final Template fixFileLocked = Template.load("fix/file-locked.md");
    private final String chownCacheStep = Template.load("chown-cache-step.yml").render(Map.of());
    private final Template patch = Template.load("patch.md");
    private final Template noPatch = Template.load("no-patch.md");
    private final String venvStepPosix = Template.load("venv-step-posix.yml").render(Map.of());
    private final String venvStepWindows = Template.load("venv-step-windows.yml").render(Map.of());
    private final String upgradePipStep = Template.load("upgrade-pip-step.yml").render(Map.of());
    /** One explanation per cause. Read once: the renderer is shared by the workers. */
    private final Map<Cause, Template> whyByCause = loadExplanations();

    public String render(RunReport report) {
        String marker = CommentMarker.forWorkflow(report.workflowId());
        Map<String, String> values = new HashMap<>();
        values.put("marker", marker);
        values.put("intro", intro(report));
        values.put("jobs", "");
        int budget = MAX_COMMENT_CHARS - RESERVED_FOR_FOOTER - comment.render(values).length();

        List<String> sections = new ArrayList<>();
        int omitted = 0;
        for (FailedJob failedJob : report.jobs()) {
            for (Finding finding : failedJob.findings()) {
                boolean first = finding == failedJob.findings().get(0);
                String section = jobSection(failedJob, finding, first ? failedJob.fix() : null);
                if (section.length() + 1 > budget) {
                    omitted++;
                    continue;
                }
                budget -= section.length() + 1;
                sections.add(section);
            }
        }
        String jobs = String.join("\n", sections);
        if (omitted > 0) {
            jobs += "\n_" + omitted + " more finding(s) left out to stay within GitHub's comment size limit;"
                    + " the run's logs show them._\n";
        }
        values.put("jobs", jobs);
        return comment.render(values);
    }

    private static String intro(RunReport report) {
        String because = " because pip was not allowed to install where it was told to.";
        if (report.runHtmlUrl() == null) {
            return "This job log shows a failure" + because;
        }
        String workflow = report.workflowName() == null || report.workflowName().isBlank()
                ? "A" : "The " + Markdown.codeSpan(report.workflowName());
        return workflow + " workflow failed in [run #" + report.runNumber() + "](" + report.runHtmlUrl()
                + ") (attempt " + report.runAttempt() + ")" + because;
    }

    private String jobSection(FailedJob failedJob, Finding finding, WorkflowFix workflowFix) {
        String stepName = failedJob.failedStep() != null ? failedJob.failedStep() : finding.step();
        String step = stepName == null ? "the failing step" : Markdown.codeSpan(stepName);
        Map<String, String> values = new HashMap<>();
        values.put("where", where(failedJob.name(), stepName));
        values.put("logLine", logLine(failedJob, finding));
        values.put("evidence", Markdown.fencedBlock("text", String.join("\n", finding.evidence())));
        values.put("why", why(finding));
        values.put("fix", fix(finding, step, workflowFix));
        values.put("patch", patch(workflowFix));
        String section = job.render(values);
        if (failedJob.logTruncated()) {
            section += "\n_The log of this job was longer than pipfix reads; only its beginning was scanned._\n";
        }
        return section;
    }

    private static String where(String job, String step) {
        if (job != null && step != null) {
            return "Job " + Markdown.codeSpan(job) + ", step " + Markdown.codeSpan(step);
        }
        if (step != null) {
            return "Step " + Markdown.codeSpan(step);
        }
        return job != null ? "Job " + Markdown.codeSpan(job) : "In the log";
    }

    private static String logLine(FailedJob failedJob, Finding finding) {
        String text = "Log line " + finding.line();
        if (failedJob.htmlUrl() == null) {
            return text;
        }
        String url = failedJob.failedStepNumber() > 0 && finding.stepLine() > 0
                ? failedJob.htmlUrl() + "#step:" + failedJob.failedStepNumber() + ":" + finding.stepLine()
                : failedJob.htmlUrl();
        return "[" + text + "](" + url + ")";
    }

    private String why(Finding finding) {
        String path = finding.path() == null ? "the install directory" : Markdown.codeSpan(finding.path());
        return whyByCause.get(finding.cause()).render(Map.of(
                "path", path,
                "error", Markdown.codeSpan(ErrorTexts.of(finding.kind())),
                "manager", ErrorTexts.manager(finding.evidence()))).strip();
    }

    private static Map<Cause, Template> loadExplanations() {
        Map<Cause, Template> templates = new EnumMap<>(Cause.class);
        for (Cause cause : Cause.values()) {
            templates.put(cause, Template.load("why/" + cause.id() + ".md"));
        }
        return templates;
    }

    private String patch(WorkflowFix workflowFix) {
        if (workflowFix == null) {
            return "";
        }
        if (workflowFix.hasDiff()) {
            return patch.render(Map.of("workflow", workflowFix.path(),
                    "diff", Markdown.fencedBlock("diff", workflowFix.diff()))).strip();
        }
        return workflowFix.note() == null ? "" : noPatch.render(Map.of("note", workflowFix.note())).strip();
    }

    private String fix(Finding finding, String step, WorkflowFix workflowFix) {
        String stepYaml = workflowFix != null && workflowFix.change() != null && workflowFix.change().startsWith("- ")
                ? workflowFix.change()
                : finding.os() == Os.WINDOWS ? venvStepWindows : venvStepPosix;
        String venvStep = Markdown.fencedBlock("yaml", stepYaml);
        String fix = switch (finding.cause()) {
            case PIP_SELF_UPGRADE -> fixPipSelfUpgrade.render(
                    Map.of("upgradeStep", Markdown.fencedBlock("yaml", upgradePipStep)));
            case ROOT_OWNED_CACHE -> fixRootOwnedCache.render(
                    Map.of("step", step, "chownStep", Markdown.fencedBlock("yaml", chownCacheStep)));
            case FILE_LOCKED -> fixFileLocked.render(Map.of("step", step, "venvStep", venvStep));
            default -> fixVenv.render(Map.of("step", step, "venvStep", venvStep));
        };
        return fix.strip();
    }
}
