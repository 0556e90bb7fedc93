package dev.pipfix.report;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.Kind;
import dev.pipfix.diagnosis.Os;
import java.util.ArrayList;
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
    private final Template fixVenv = Template.load("fix-venv.md");
    private final Template fixPipSelfUpgrade = Template.load("fix-pip-self-upgrade.md");
    private final String venvStepPosix = Template.load("venv-step-posix.yml").render(Map.of());
    private final String venvStepWindows = Template.load("venv-step-windows.yml").render(Map.of());
    private final String upgradePipStep = Template.load("upgrade-pip-step.yml").render(Map.of());
    /** Explanations by {@code kind-cause}, with {@code kind} alone as the general case. Read once: shared by workers. */
    private final Map<String, Template> whyByName = loadExplanations();

    public String render(RunReport report) {
        String marker = CommentMarker.forWorkflow(report.workflowId());
        Map<String, String> values = new HashMap<>();
        values.put("marker", marker);
        values.put("workflow", Markdown.codeSpan(report.workflowName()));
        values.put("runNumber", Long.toString(report.runNumber()));
        values.put("runAttempt", Long.toString(report.runAttempt()));
        values.put("runUrl", report.runHtmlUrl());
        values.put("jobs", "");
        int budget = MAX_COMMENT_CHARS - RESERVED_FOR_FOOTER - comment.render(values).length();

        List<String> sections = new ArrayList<>();
        int omitted = 0;
        for (FailedJob failedJob : report.jobs()) {
            for (Finding finding : failedJob.findings()) {
                String section = jobSection(failedJob, finding);
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

    private String jobSection(FailedJob failedJob, Finding finding) {
        String stepName = failedJob.failedStep() != null ? failedJob.failedStep() : finding.step();
        String step = stepName == null ? "(unknown step)" : Markdown.codeSpan(stepName);
        Map<String, String> values = new HashMap<>();
        values.put("job", Markdown.codeSpan(failedJob.name()));
        values.put("step", step);
        values.put("line", Long.toString(finding.line()));
        values.put("logUrl", logUrl(failedJob, finding));
        values.put("evidence", Markdown.fencedBlock("text", String.join("\n", finding.evidence())));
        values.put("why", why(finding));
        values.put("fix", fix(finding, step));
        String section = job.render(values);
        if (failedJob.logTruncated()) {
            section += "\n_The log of this job was longer than pipfix reads; only its beginning was scanned._\n";
        }
        return section;
    }

    private static String logUrl(FailedJob failedJob, Finding finding) {
        if (failedJob.failedStepNumber() > 0 && finding.stepLine() > 0) {
            return failedJob.htmlUrl() + "#step:" + failedJob.failedStepNumber() + ":" + finding.stepLine();
        }
        return failedJob.htmlUrl();
    }

    private String why(Finding finding) {
        Template template = whyByName.getOrDefault(finding.kind().id() + "-" + finding.cause().id(),
                whyByName.get(finding.kind().id()));
        if (template == null) {
            throw new IllegalStateException("no explanation for " + finding.kind().id());
        }
        String path = finding.path() == null ? "the install directory" : Markdown.codeSpan(finding.path());
        return template.render(Map.of("path", path)).strip();
    }

    private static Map<String, Template> loadExplanations() {
        Map<String, Template> templates = new HashMap<>();
        for (Kind kind : Kind.values()) {
            Template.loadOptional("why/" + kind.id() + ".md").ifPresent(t -> templates.put(kind.id(), t));
            for (Cause cause : Cause.values()) {
                String key = kind.id() + "-" + cause.id();
                Template.loadOptional("why/" + key + ".md").ifPresent(t -> templates.put(key, t));
            }
        }
        return Map.copyOf(templates);
    }

    private String fix(Finding finding, String step) {
        if (finding.cause() == Cause.PIP_SELF_UPGRADE) {
            return fixPipSelfUpgrade.render(Map.of("upgradeStep", Markdown.fencedBlock("yaml", upgradePipStep)))
                    .strip();
        }
        String venvStep = finding.os() == Os.WINDOWS ? venvStepWindows : venvStepPosix;
        return fixVenv.render(Map.of("step", step, "venvStep", Markdown.fencedBlock("yaml", venvStep))).strip();
    }
}
