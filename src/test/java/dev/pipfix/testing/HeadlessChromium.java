package dev.pipfix.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's Chromium, headless, for the tests of pages. Found where it is: {@code CHROME_BIN} and
 * {@code CHROMEDRIVER}, then the usual places of Debian's, Ubuntu's, Homebrew's and Google's packages, then the
 * {@code PATH}. Without one, a test is skipped with the line that installs it, except under {@code CI=true}, where
 * it fails with that line: CI must run every test.
 */
public final class HeadlessChromium {

    public static final String INSTALL_HINT = "the browser tests need Chromium and its driver: on Debian or Ubuntu"
            + " apt-get install -y chromium chromium-driver (.ci/run does), or set CHROME_BIN and CHROMEDRIVER";

    private static final List<String> BROWSERS = List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/snap/bin/chromium",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    private static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> DRIVERS = List.of(
            "/usr/bin/chromedriver",
            "/usr/lib/chromium/chromedriver",
            "/usr/lib/chromium-browser/chromedriver",
            "/snap/bin/chromium.chromedriver",
            "/usr/local/bin/chromedriver",
            "/opt/homebrew/bin/chromedriver");

    private HeadlessChromium() {}

    /** A headless browser of the given window size; skips or fails the test when there is none. */
    public static ChromeDriver start(int width, int height) {
        Optional<Path> browser = find("CHROME_BIN", BROWSERS, BROWSER_NAMES);
        Optional<Path> driver = find("CHROMEDRIVER", DRIVERS, List.of("chromedriver"));
        if (browser.isEmpty() || driver.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(INSTALL_HINT);
            }
            System.err.println("SKIPPED: " + INSTALL_HINT);
            Assumptions.abort(INSTALL_HINT);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height);
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(driver.get().toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    private static Optional<Path> find(String variable, List<String> places, List<String> names) {
        List<Path> candidates = new ArrayList<>();
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            candidates.add(Path.of(given.strip()));
        }
        places.forEach(place -> candidates.add(Path.of(place)));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                names.forEach(name -> candidates.add(Path.of(dir, name)));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
