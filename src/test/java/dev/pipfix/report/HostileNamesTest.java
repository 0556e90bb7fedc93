package dev.pipfix.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.diagnosis.Cause;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.Installer;
import dev.pipfix.diagnosis.Kind;
import dev.pipfix.runner.RunnerOs;
import dev.pipfix.workflow.FixRequest;
import dev.pipfix.workflow.FixStrategy;
import dev.pipfix.workflow.WorkflowFix;
import dev.pipfix.workflow.WorkflowPatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Every name a fork controls (workflow, job and step names, the workflow's file name, local actions and reusable
 * workflows it calls, its commands, paths and log lines) renders as inert text in pipfix's comment: parsed as GitHub
 * parses Markdown (CommonMark with GFM's autolinks and tables), no link, image, HTML or mention comes from them.
 */
class HostileNamesTest {

    /** What a hostile value carries; whatever renders from it must not make one of these live. */
    private static final String EVIL = "evil.example";

    private static final String MENTION = "@victim-org/maintainers";

    private static final Parser GFM = Parser.builder()
            .extensions(List.of(AutolinkExtension.create(), TablesExtension.create()))
            .build();

    private final CommentRenderer renderer = new CommentRenderer();

    private static final List<String> HOSTILE = List.of(
            "x` [Re-run with fix](https://evil.example/login) " + MENTION + " `y",
            "![img](https://evil.example/i.png)",
            "<img src=https://evil.example/x.png>",
            "<a href=\"https://evil.example\">x</a>",
            "https://evil.example/auto",
            "www.evil.example",
            MENTION,
            "``` \n[link](https://evil.example)\n```",
            "a\n\n[link](https://evil.example) " + MENTION,
            "[ref]\n\n[ref]: https://evil.example",
            "|a|b|\n|-|-|\n|[x](https://evil.example)|" + MENTION + "|",
            "\\` [x](https://evil.example) \\`",
            "~~~\n" + MENTION + "\n~~~",
            "<!-- pipfix:comment workflow=1 -->",
            "``[x](https://evil.example)``");

    /** One to three hostile fragments joined, as a name or a log line could hold them. */
    private static String hostile(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int p = 0; p < parts; p++) {
            text.append(p == 0 ? "" : " ").append(HOSTILE.get(random.nextInt(HOSTILE.size())));
        }
        return text.toString();
    }

    @Test
    void a_comment_built_from_hostile_names_has_no_live_link_image_html_or_mention() {
        Random random = new Random(23);
        for (int n = 0; n < 300; n++) {
            commentFrom(hostile(random), hostile(random), hostile(random), hostile(random));
        }
    }

    private void commentFrom(String workflowName, String jobName, String stepName, String logged) {
        // given a workflow whose names and commands are the fork's, and a finding quoting its log
        String workflowPath = ".github/workflows/" + fileName(jobName) + ".yml";
        List<FailedJob> jobs = new ArrayList<>();
        for (String yaml : workflows(jobName, stepName, logged)) {
            WorkflowFix fix = new WorkflowPatcher()
                    .fix(new FixRequest(
                            workflowPath, yaml, jobName, stepName, List.of(logged), FixStrategy.VENV, RunnerOs.LINUX));
            jobs.add(new FailedJob(
                    jobName,
                    "https://github.com/octo-org/octo-repo/actions/runs/1/job/2",
                    Optional.of(stepName),
                    3,
                    List.of(finding(stepName, logged)),
                    false,
                    Optional.of(fix)));
        }
        RunReport report = new RunReport(
                workflowName, 7087581, 7, 1, "https://github.com/octo-org/octo-repo/actions/runs/1", jobs);

        // when
        String comment = renderer.render(report);
        String resolved = renderer.resolved(comment, report);

        // then
        assertInert(comment);
        assertInert(resolved);
    }

    @Test
    void answers_to_pipfix_apply_built_from_hostile_names_are_inert() {
        Random random = new Random(24);
        for (int n = 0; n < 300; n++) {
            answersFrom(hostile(random), hostile(random), hostile(random));
        }
    }

    private static void answersFrom(String role, String fork, String branch) {
        // given commands whose role, fork and branch (as GitHub would report them, were they this hostile) reach
        // each answer
        List<dev.pipfix.apply.ApplyDecision.Request> requests = List.of(
                new dev.pipfix.apply.ApplyDecision.Request(
                        "maintainer", "User", role, true, true, "o/r", fork, branch, false, false, false),
                new dev.pipfix.apply.ApplyDecision.Request(
                        "maintainer", "User", "write", true, true, "o/r", fork, branch, false, false, false),
                new dev.pipfix.apply.ApplyDecision.Request(
                        "maintainer", "User", "admin", true, true, "o/r", "o/r", branch, false, true, false),
                new dev.pipfix.apply.ApplyDecision.Request(
                        "maintainer", "User", "admin", true, true, "o/r", fork, branch, true, false, true));

        for (dev.pipfix.apply.ApplyDecision.Request request : requests) {
            // when
            dev.pipfix.apply.ApplyDecision decision = dev.pipfix.apply.ApplyDecision.decide(request);

            // then
            if (decision instanceof dev.pipfix.apply.ApplyDecision.Answer answer) {
                assertInert(answer.text());
            }
        }
    }

    /** The same names in each place a workflow can hold them: a job's name, a step's name, a local action. */
    private static List<String> workflows(String jobName, String stepName, String logged) {
        String job = yamlString(jobName);
        String step = yamlString(stepName);
        String run = yamlString(logged);
        return List.of(
                "on: [pull_request]\njobs:\n  test:\n    name: " + job + "\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - name: " + step + "\n        run: " + run + "\n",
                "on: [pull_request]\njobs:\n  test:\n    name: " + job + "\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - name: " + step + "\n        uses: ./" + yamlString(logged) + "\n",
                "on: [pull_request]\njobs:\n  test:\n    name: " + job + "\n    uses: ./.github/workflows/"
                        + yamlString(stepName) + "\n",
                // a file that does not parse: the parser's complaint quotes it
                "on: [pull_request]\njobs:\n  test: {" + logged + "\n    name: " + jobName + "\n");
    }

    private static String yamlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String fileName(String text) {
        return text.replace("/", "_").replace("\n", " ");
    }

    private static Finding finding(String step, String logged) {
        return new Finding(
                Kind.PERMISSION_DENIED,
                Cause.SYSTEM_SITE_PACKAGES,
                66,
                step,
                8,
                true,
                logged,
                List.of(logged),
                "/usr/lib/python3/dist-packages/" + logged,
                RunnerOs.LINUX,
                List.of("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '" + logged
                        + "'"),
                1,
                Installer.PIP);
    }

    /** No link or image to the hostile host, no HTML from the values, no mention outside code. */
    static void assertInert(String markdown) {
        Node document = GFM.parse(markdown);
        List<String> live = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                if (link.getDestination().contains(EVIL)) {
                    live.add("link to " + link.getDestination());
                }
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                live.add("image " + image.getDestination());
            }

            @Override
            public void visit(HtmlInline html) {
                if (!isOurs(html.getLiteral())) {
                    live.add("inline HTML " + html.getLiteral());
                }
            }

            @Override
            public void visit(HtmlBlock html) {
                if (!isOurs(html.getLiteral())) {
                    live.add("HTML block " + html.getLiteral());
                }
            }

            @Override
            public void visit(Text text) {
                if (text.getLiteral().contains(MENTION.substring(0, 7))) {
                    live.add("mention in " + text.getLiteral());
                }
            }
        });
        if (!live.isEmpty()) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/leak.md"), markdown);
            } catch (Exception e) {
            }
        }
        assertThat(live).as(markdown).isEmpty();
    }

    /** The HTML pipfix's own templates write: the hidden marker, the folded details, the footer. */
    private static boolean isOurs(String html) {
        String stripped = html.strip();
        return stripped.matches("<!-- pipfix:[a-z-]+=\\d+ -->")
                || stripped.startsWith("<details><summary>") && !stripped.contains(EVIL)
                || stripped.equals("</summary>")
                || stripped.equals("</details>")
                || stripped.equals("<sub>")
                || stripped.equals("</sub>")
                || stripped.startsWith("<sub>pipfix reads") && !stripped.contains(EVIL);
    }
}
