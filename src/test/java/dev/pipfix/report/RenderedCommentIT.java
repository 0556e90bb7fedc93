package dev.pipfix.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A golden comment rendered as Markdown (CommonMark, raw HTML kept as GitHub keeps {@code <details>} and
 * {@code <sub>}) in headless Chromium: its parts show as a reader sees them, and the screenshot is the README's
 * picture of a comment ({@code target/screenshots/comment.png}, copied to {@code docs/}).
 */
class RenderedCommentIT {

    private static final String STYLE = "body{font:14px/1.5 -apple-system,'Segoe UI','Noto Sans',Helvetica,Arial,"
            + "sans-serif;color:#1f2328;max-width:52rem;margin:1.5rem auto;padding:0 1rem}"
            + ".comment{border:1px solid #d1d9e0;border-radius:6px}.head{background:#f6f8fa;border-bottom:1px solid"
            + " #d1d9e0;padding:.5rem 1rem;border-radius:6px 6px 0 0}.body{padding:0 1rem 1rem}"
            + "code{background:#eff1f3;padding:.1em .3em;border-radius:4px;font-size:85%}"
            + "pre{background:#f6f8fa;padding:1rem;overflow:auto;border-radius:6px;font-size:85%}pre code{padding:0;"
            + "background:none}h3{font-size:1.25em}h4{font-size:1em}a{color:#0969da}hr{border:0;border-top:1px solid"
            + " #d1d9e0}";

    @Test
    void a_golden_comment_renders_with_its_evidence_patch_and_step() throws Exception {
        String markdown = Files.readString(Path.of("src/test/resources/comments/user-site-unwritable.md"));
        Parser parser = Parser.builder().build();
        Node document = parser.parse(markdown);
        String html = "<!doctype html><html><head><meta charset=utf-8><style>" + STYLE + "</style></head><body>"
                + "<div class=comment><div class=head><strong>pipfix</strong> <span style='color:#59636e'>bot"
                + " commented</span></div><div class=body>"
                + HtmlRenderer.builder().build().render(document)
                + "</div></div></body></html>";
        Path page = Path.of("target", "screenshots", "comment.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, html);

        ChromeDriver browser = HeadlessChromium.start(1000, 1250);
        try {
            browser.get(page.toUri().toString());

            assertThat(browser.findElement(By.tagName("h3")).getText())
                    .isEqualTo("pipfix: pip install failed for lack of permission");
            List<String> blocks = browser.findElements(By.tagName("pre")).stream()
                    .map(e -> e.getText())
                    .toList();
            assertThat(blocks)
                    .anyMatch(b -> b.contains("[Errno 13] Permission denied"))
                    .anyMatch(b -> b.startsWith("--- a/.github/workflows/ci.yml"))
                    .anyMatch(b -> b.startsWith("- name: Create a virtual environment"));
            assertThat(browser.findElement(By.tagName("summary")).getText()).isEqualTo("How to check the fix");
            // the hidden marker stays hidden
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("pipfix:workflow=");
            Files.write(page.resolveSibling("comment.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
