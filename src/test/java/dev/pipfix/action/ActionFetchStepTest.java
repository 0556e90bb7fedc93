package dev.pipfix.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step of {@code action.yml} that fetches pipfix, run with bash as a runner runs it ({@code GITHUB_*} and
 * {@code RUNNER_*} variables, {@code $GITHUB_OUTPUT}, the tool cache) against a release served on 127.0.0.1: on a
 * self-hosted runner whose shared tool cache another job wrote, nothing it left there is run.
 */
class ActionFetchStepTest {

    private static final String VERSION = "1.2.3";
    private static final byte[] GOOD = "the released jar".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private final Map<String, byte[]> release = new ConcurrentHashMap<>();
    private HttpServer server;
    private Path action;
    private Path cache;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = release.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        action = Files.createDirectories(root.resolve("_actions/OWNER/pipfix/v1"));
        Files.writeString(action.resolve("pom.xml"), "<project>\n  <version>" + VERSION + "</version>\n</project>\n");
        cache = root.resolve("tool/pipfix/" + VERSION);
        publish(GOOD, sha256(GOOD));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_jar_another_job_left_in_the_tool_cache_is_not_run() throws Exception {
        // given a self-hosted runner's cache holding another job's jar, and a checksum file beside it to match
        Files.createDirectories(cache);
        byte[] evil = "someone else's code".getBytes(StandardCharsets.UTF_8);
        Files.write(cache.resolve("pipfix.jar"), evil);
        Files.writeString(cache.resolve("pipfix.jar.sha256"), sha256(evil) + "  pipfix.jar\n");

        // when the step runs
        Map<String, String> outputs = fetch(false);

        // then the jar it hands on is the release's, in this job's own directory, and the cache holds it again
        Path jar = Path.of(outputs.get("jar"));
        assertThat(jar).startsWith(root.resolve("tmp"));
        assertThat(Files.readAllBytes(jar)).isEqualTo(GOOD);
        assertThat(Files.readAllBytes(cache.resolve("pipfix.jar"))).isEqualTo(GOOD);
    }

    @Test
    void the_checksum_in_the_actions_own_files_wins_over_the_releases() throws Exception {
        // given the action's files carry the checksum, and the release's download was replaced with another jar
        Files.writeString(action.resolve("pipfix.jar.sha256"), sha256(GOOD) + "  pipfix.jar\n");
        byte[] evil = "a swapped release asset".getBytes(StandardCharsets.UTF_8);
        publish(evil, sha256(evil));

        // when
        Map<String, String> passing = fetch(false);

        // then nothing is run, with the reason, and the step fails only when fail-on-error asks
        assertThat(passing.get("jar")).isEmpty();
        assertThat(passing.get("exit")).isEqualTo("0");
        assertThat(passing.get("summary")).contains("does not match its SHA-256");
        assertThat(fetch(true).get("exit")).isEqualTo("1");
    }

    private void publish(byte[] jar, String sha) {
        String base = "/OWNER/pipfix/releases/download/v" + VERSION + "/";
        release.put(base + "pipfix.jar", jar);
        release.put(base + "pipfix.jar.sha256", (sha + "  pipfix.jar\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the step's script as the runner would; its outputs, its exit status and the summary it wrote. */
    private Map<String, String> fetch(boolean failOnError) throws Exception {
        Path output = root.resolve("output");
        Path summary = root.resolve("summary");
        Files.writeString(output, "");
        Files.writeString(summary, "");
        Files.createDirectories(root.resolve("tmp"));
        ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-c", script()).redirectErrorStream(true);
        Map<String, String> env = bash.environment();
        env.put("GITHUB_ACTION_PATH", action.toString());
        env.put("ACTION_REPOSITORY", "OWNER/pipfix");
        env.put("GITHUB_SERVER_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        env.put("RUNNER_TOOL_CACHE", root.resolve("tool").toString());
        env.put("RUNNER_TEMP", root.resolve("tmp").toString());
        env.put("GITHUB_RUN_ID", "7");
        env.put("GITHUB_RUN_ATTEMPT", "1");
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("FAIL_ON_ERROR", Boolean.toString(failOnError));
        Process process = bash.start();
        process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        Map<String, String> outputs = new java.util.HashMap<>();
        for (String line : Files.readAllLines(output)) {
            int eq = line.indexOf('=');
            outputs.put(line.substring(0, eq), line.substring(eq + 1));
        }
        outputs.putIfAbsent("jar", "");
        outputs.put("exit", Integer.toString(exit));
        outputs.put("summary", Files.readString(summary));
        return outputs;
    }

    /** The fetch step's {@code run:} script, as action.yml holds it. */
    private static String script() throws IOException {
        String yaml = Files.readString(Path.of("action.yml"));
        int run = yaml.indexOf("      run: |\n", yaml.indexOf("- name: Fetch the pipfix release"));
        int end = yaml.indexOf("    - name: Run pipfix", run);
        StringBuilder script = new StringBuilder();
        for (String line : yaml.substring(run + "      run: |\n".length(), end).split("\n", -1)) {
            script.append(line.startsWith("        ") ? line.substring(8) : line.strip())
                    .append('\n');
        }
        return script.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
