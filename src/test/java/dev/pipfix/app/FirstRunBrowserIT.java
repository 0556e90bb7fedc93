package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.setup.SetupCode;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.HeadlessChromium;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new user's first run in a real browser (headless Chromium): the setup page, the form, GitHub's App page
 * (WireMock, standing in for github.com and its API), back to pipfix, and the status page of the new App.
 * Screenshots of each page go to {@code target/screenshots}; the README shows copies from {@code docs/}.
 */
class FirstRunBrowserIT {

    private static final String CODE = "a94a8fe5ccb19ba61c4c";
    private static final String OAUTH_CODE = "5e1f0c2d9b8a7e6f4d3c";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dataDir;

    private GitHubSimulator github;
    private PipfixServer server;
    private WebDriver browser;

    @BeforeEach
    void start() throws IOException {
        browser = HeadlessChromium.start(1000, 1300);
        github = new GitHubSimulator(Clock.systemUTC());
        Config config = Config.builder()
                .listen("127.0.0.1", 0)
                .github(github.apiUrl(), github.apiUrl())
                .publicUrl("https://pipfix.example.net")
                .dataDir(dataDir)
                .build();
        server = new PipfixServer(config, Clock.systemUTC()).start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void a_new_user_registers_the_app_from_the_setup_page_and_sees_its_status() throws Exception {
        // given GitHub's "new App" page, which shows the App and sends the browser back with a code when confirmed
        String base = "http://127.0.0.1:" + server.port();
        github.api()
                .stubFor(post(urlPathMatching("/organizations/[^/]+/settings/apps/new"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/html; charset=utf-8")
                                .withBody("<!doctype html><html><body style=\"font-family:sans-serif\">"
                                        + "<h1>Create GitHub App for octo-org</h1><p>GitHub App name: pipfix-octo</p>"
                                        + "<a id=\"create\" href=\"" + base + "/setup/callback?code=" + CODE
                                        + "&amp;state={{request.query.state}}\">Create GitHub App for octo-org</a>"
                                        + "</body></html>")
                                .withTransformers("response-template")));
        github.manifestConversion(
                CODE,
                2741,
                "pipfix-octo",
                Fixtures.text("keys/app-pkcs1.pem"),
                "e340154128314309424b7c8e90325147d99fdafa");
        github.app("pipfix-octo", "octo-org");

        // when the user opens pipfix
        browser.get(base + "/");
        screenshot("setup-page");

        // then the setup page says what the App may do and where GitHub will send events
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Set up pipfix");
        assertThat(browser.getPageSource()).contains("Comment on the pull request whose run failed");
        assertThat(browser.findElement(By.id("webhook-url")).getText()).isEqualTo("https://pipfix.example.net/webhook");

        // when the user registers the App on an organization, with the setup code pipfix printed at start
        browser.findElement(By.id("setup_code"))
                .sendKeys(Files.readString(SetupCode.file(dataDir)).strip());
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys("pipfix-octo");
        browser.findElement(By.id("organization")).sendKeys("octo-org");
        browser.findElement(By.id("register")).click();

        // then the browser posts the manifest to GitHub, which shows the App to create
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create")));
        github.api()
                .verify(postRequestedFor(urlPathEqualTo("/organizations/octo-org/settings/apps/new"))
                        .withRequestBody(containing("manifest=")));
        String manifest = URLDecoder.decode(
                github.apiRequests().stream()
                        .filter(r -> r.getUrl().startsWith("/organizations/octo-org/settings/apps/new"))
                        .findFirst()
                        .orElseThrow()
                        .getBodyAsString(),
                StandardCharsets.UTF_8);
        assertThat(manifest)
                .contains("\"name\":\"pipfix-octo\"")
                .contains("\"url\":\"https://pipfix.example.net/webhook\"");

        // when the user confirms on GitHub
        browser.findElement(By.id("create")).click();

        // then pipfix has the App and offers to install it on repositories
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("install")));
        screenshot("registered-page");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("pipfix is registered");
        assertThat(browser.findElement(By.id("install")).getAttribute("href"))
                .isEqualTo("https://github.com/apps/pipfix-octo/installations/new");

        // when the user goes to the status page
        browser.findElement(By.linkText("see what pipfix is doing")).click();

        // then it shows that pipfix runs and asks its owner to sign in, showing nothing else
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        screenshot("public-page");
        assertThat(browser.getPageSource()).doesNotContain("octo-org");

        // when the owner signs in with GitHub (an owner of octo-org, which owns the App)
        github.api()
                .stubFor(get(urlPathEqualTo("/login/oauth/authorize"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/html; charset=utf-8")
                                .withBody(
                                        "<!doctype html><html><body style=\"font-family:sans-serif\">"
                                                + "<h1>Authorize pipfix-octo</h1>"
                                                + "<a id=\"authorize\" href=\"" + base + "/auth/callback?code="
                                                + OAUTH_CODE
                                                + "&amp;state={{request.query.state}}\">Authorize pipfix-octo</a></body></html>")
                                .withTransformers("response-template")));
        github.oauthCode(OAUTH_CODE, "ghu_browserOwnerToken000000000000000");
        github.user("ghu_browserOwnerToken000000000000000", "monalisa", 583231);
        github.membership("ghu_browserOwnerToken000000000000000", "octo-org", "monalisa", "admin");
        github.tokenRevocation("Iv23liQ1yDn0aZEoXbzr");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authorize")))
                .click();

        // then it shows the new App and where it is installed
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("app-link")));
        screenshot("status-page");
        assertThat(browser.findElement(By.id("viewer")).getText()).isEqualTo("monalisa");
        assertThat(browser.findElement(By.id("app-link")).getText()).isEqualTo("pipfix-octo");
        assertThat(browser.findElement(By.id("installations")).getText())
                .contains("octo-org")
                .contains("selected repositories");
        assertThat(dataDir.resolve(".env")).exists();

        // when the owner signs out, the details are gone again
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        assertThat(browser.getPageSource()).doesNotContain("octo-org");
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
