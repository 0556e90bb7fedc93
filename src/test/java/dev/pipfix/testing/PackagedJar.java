package dev.pipfix.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code target/pipfix.jar} started as a process, the way a user or a host starts it: the settings in its
 * environment alone (the test's own pipfix settings removed), its output to a file.
 */
public final class PackagedJar {

    public static final Path JAR = Path.of("target/pipfix.jar").toAbsolutePath();
    /** Every setting pipfix reads from its environment: none of the test machine's may leak in. */
    private static final String SETTINGS = "APP_ID|PRIVATE_KEY.*|WEBHOOK_SECRET|ALLOW_UNSIGNED|PORT|HOST|GITHUB_.*"
            + "|PUBLIC_URL|DATA_DIR|DATABASE_URL|DRY_RUN|LOG_FORMAT|ADMIN_TOKEN";

    private PackagedJar() {}

    /**
     * @param workDir     the working directory (where a {@code .env} would be read)
     * @param environment pipfix's settings
     * @param output      where standard output and error go
     * @param jvmOptions  for example {@code -Xmx256m}
     */
    public static Process start(Path workDir, Map<String, String> environment, Path output, String... jvmOptions)
            throws IOException {
        return start(workDir, environment, output, List.of(jvmOptions), List.of());
    }

    /** The jar with a command: {@code java [jvmOptions] -jar pipfix.jar [arguments]}. */
    public static Process start(
            Path workDir, Map<String, String> environment, Path output, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.matches(SETTINGS));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * The jar serving as a registered App whose GitHub is the simulator ({@link #appSettings}), once its port is open;
     * a process that exits first fails the test with its output.
     */
    public static Process startApp(Path dir, String secret, int port, GitHubSimulator github, String logFile)
            throws Exception {
        Path output = dir.resolve(logFile);
        Process process = start(dir, appSettings(dir, secret, port, github), output);
        Await.until(java.time.Duration.ofSeconds(30), () -> Ports.listening(port) || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("pipfix exited:\n" + java.nio.file.Files.readString(output));
        }
        return process;
    }

    /** The settings of a registered App whose GitHub is the simulator, on 127.0.0.1 with the embedded database. */
    public static Map<String, String> appSettings(Path dir, String secret, int port, GitHubSimulator github) {
        return Map.of(
                "APP_ID", "123456",
                "PRIVATE_KEY_PATH", dir.resolve("app.pem").toString(),
                "WEBHOOK_SECRET", secret,
                "PORT", Integer.toString(port),
                "HOST", "127.0.0.1",
                "GITHUB_API_URL", github.apiUrl(),
                "DATA_DIR", dir.resolve("data").toString());
    }
}
