import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time from a failed run's webhook being answered 202 to pipfix's comment reaching GitHub, and the API calls each run
 * costs, with GitHub simulated here and every call to it (the log's storage hop too) answered after LATENCY_MS.
 * Each measured round is a first failure (a new run on a new pull request) and then its re-run failing the same way
 * at the same commit (a repeat: conditional requests, the known comment). Rounds run one after another, after warm-up
 * rounds that are not counted. The repository has no settings file, as most have.
 *
 * <p>Usage: java bench/EventToComment.java JAR ROUNDS LATENCY_MS (bench/event-to-comment.sh builds the jar).
 *
 * <p>Burst: java bench/EventToComment.java JAR RUNS LATENCY_MS burst LOG_FILE HEAP (bench/burst.sh): RUNS failed runs
 * delivered at once, each job's log the file LOG_FILE, to pipfix started with -XmxHEAP; waits until every run's comment
 * arrived and prints how long that took, the peak resident memory (VmHWM) and whether the log has an OutOfMemoryError.
 */
public final class EventToComment {

    private static final String REPO = "octo-org/octo-repo";
    private static final String SHA = "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a";
    private static final String SECRET = "event-to-comment bench";
    private static final int WARM_UP_ROUNDS = 10;
    private static final Pattern JOBS = Pattern.compile("/repos/" + REPO + "/actions/runs/(\\d+)/attempts/(\\d+)/jobs");
    private static final Pattern LOGS = Pattern.compile("/repos/" + REPO + "/actions/jobs/(\\d+)/logs");
    private static final Pattern COMMENTS = Pattern.compile("/repos/" + REPO + "/issues/(\\d+)/comments");
    private static final Pattern COMMENT = Pattern.compile("/repos/" + REPO + "/issues/comments/(\\d+)");

    private final int latencyMillis;
    private final String log;
    /** When set, what the log's storage hop streams instead of {@link #log}: a large file, read for each request. */
    private Path logFile;
    private final String workflow;
    private final Map<Integer, CompletableFuture<Instant>> commented = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> hasComment = new ConcurrentHashMap<>();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private int port;

    private EventToComment(int latencyMillis, String log, String workflow) {
        this.latencyMillis = latencyMillis;
        this.log = log;
        this.workflow = workflow;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int latency = Integer.parseInt(args[2]);
        Path resources = Path.of("src/test/resources");
        EventToComment github = new EventToComment(
                latency,
                Files.readString(resources.resolve("logs/linux-self-hosted-user-site-errno13.log")),
                Files.readString(resources.resolve("e2e/ci.yml")));
        HttpServer server = github.start();
        if (args.length > 3 && args[3].equals("burst")) {
            github.logFile = Path.of(args[4]);
            try {
                github.burst(jar, rounds, args[5]);
            } finally {
                server.stop(0);
                System.exit(0);
            }
        }
        if (args.length > 3 && args[3].equals("action")) {
            try {
                github.actionRounds(jar, rounds);
            } finally {
                server.stop(0);
                System.exit(0);
            }
        }
        Path dir = Files.createTempDirectory("pipfix-bench");
        int pipfixPort = freePort();
        ProcessBuilder builder = github.pipfix(jar, dir, pipfixPort, List.of());
        Process pipfix = builder.start();
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + pipfixPort;
        try {
            awaitHealthy(client, base);
            List<Long> first = new ArrayList<>();
            List<Long> repeat = new ArrayList<>();
            List<Integer> firstCalls = new ArrayList<>();
            List<Integer> repeatCalls = new ArrayList<>();
            List<Integer> repeatNotModified = new ArrayList<>();
            List<String> firstSequence = List.of();
            List<String> repeatSequence = List.of();
            for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
                long run = 900_000_000L + round;
                int pr = 1000 + round;
                Result a = github.deliver(client, base, run, 1, pr);
                Result b = github.deliver(client, base, run, 2, pr);
                if (round >= WARM_UP_ROUNDS) {
                    first.add(a.millis());
                    repeat.add(b.millis());
                    firstCalls.add(a.calls().size());
                    repeatCalls.add(b.calls().size());
                    repeatNotModified.add(b.notModified());
                    firstSequence = a.calls();
                    repeatSequence = b.calls();
                }
            }
            System.out.printf(
                    "| first failure (new run, new pull request) | %d ms | %d ms | %d | 0 |%n",
                    median(first), percentile(first, 90), median(firstCalls.stream().map(Long::valueOf).toList()));
            System.out.printf(
                    "| repeat (re-run at the same commit) | %d ms | %d ms | %d | %d |%n",
                    median(repeat),
                    percentile(repeat, 90),
                    median(repeatCalls.stream().map(Long::valueOf).toList()),
                    median(repeatNotModified.stream().map(Long::valueOf).toList()));
            System.out.println();
            System.out.println("calls of the last first failure: " + String.join(", ", firstSequence));
            System.out.println("calls of the last repeat: " + String.join(", ", repeatSequence));
        } finally {
            pipfix.destroy();
            pipfix.waitFor(20, TimeUnit.SECONDS);
            server.stop(0);
            // the simulator's worker threads would keep the JVM alive
            System.exit(0);
        }
    }

    private record Result(long millis, List<String> calls, int notModified) {}

    /** The fixture's failed run as run RUN, attempt ATTEMPT, of pull request PR, signed; anything but 202 ends it. */
    private static void deliverRun(HttpClient client, String base, long run, int attempt, int pr) throws Exception {
        String payload = Files.readString(Path.of("src/test/resources/payloads/workflow_run-completed-failure-same-repo.json"))
                .replace("680634037", Long.toString(run))
                .replace("\"number\": 42", "\"number\": " + pr)
                .replace("\"run_attempt\": 1", "\"run_attempt\": " + attempt);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(base + "/webhook"))
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Event", "workflow_run")
                        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                        .header("X-Hub-Signature-256", "sha256=" + hmac(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the webhook answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** pipfix's jar as a process on PORT, registered as an App, on the embedded H2 under DIR, against this GitHub. */
    private ProcessBuilder pipfix(Path jar, Path dir, int pipfixPort, List<String> jvmOptions) throws IOException {
        Files.copy(Path.of("src/test/resources/keys/app-pkcs1.pem"), dir.resolve("app.pem"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("pipfix.log").toFile());
        builder.environment().keySet().removeIf(name -> name.matches("APP_ID|PRIVATE_KEY.*|WEBHOOK_SECRET|GITHUB_.*"
                + "|PORT|HOST|PUBLIC_URL|DATA_DIR|DATABASE_URL|DRY_RUN|LOG_FORMAT|ADMIN_TOKEN|ALLOW_UNSIGNED"));
        builder.environment()
                .putAll(Map.of(
                        "APP_ID", "123456",
                        "PRIVATE_KEY_PATH", dir.resolve("app.pem").toString(),
                        "WEBHOOK_SECRET", SECRET,
                        "PORT", Integer.toString(pipfixPort),
                        "HOST", "127.0.0.1",
                        "GITHUB_API_URL", "http://127.0.0.1:" + port,
                        "DATA_DIR", dir.resolve("data").toString()));
        return builder;
    }

    /** Prints one Markdown table row: runs, heap, time until the last comment, peak RSS, OutOfMemoryError. */
    private void burst(Path jar, int runs, String heap) throws Exception {
        Path dir = Files.createTempDirectory("pipfix-burst");
        int pipfixPort = freePort();
        ProcessBuilder builder = pipfix(jar, dir, pipfixPort, List.of(
                "-Xmx" + heap, "-XX:SharedArchiveFile=target/pipfix.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        Process pipfix = builder.start();
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + pipfixPort;
        try {
            awaitHealthy(client, base);
            List<CompletableFuture<Instant>> comments = new ArrayList<>();
            Instant began = Instant.now();
            for (int i = 0; i < runs; i++) {
                int pr = 5000 + i;
                CompletableFuture<Instant> comment = new CompletableFuture<>();
                commented.put(pr, comment);
                comments.add(comment);
                deliverRun(client, base, 950_000_000L + i, 1, pr);
            }
            int done = 0;
            Instant last = began;
            for (CompletableFuture<Instant> comment : comments) {
                try {
                    Instant at = comment.get(30, TimeUnit.MINUTES);
                    last = at.isAfter(last) ? at : last;
                    done++;
                } catch (java.util.concurrent.TimeoutException e) {
                    break;
                }
            }
            String status = Files.readString(Path.of("/proc/" + pipfix.pid() + "/status"));
            Matcher hwm = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(status);
            long peak = hwm.find() ? Long.parseLong(hwm.group(1)) / 1024 : -1;
            boolean oom = Files.readString(dir.resolve("pipfix.log")).contains("OutOfMemoryError");
            System.out.printf("| %d | %s | %d of %d | %.1f s | %d MiB | %s |%n",
                    runs, heap, done, runs, Duration.between(began, last).toMillis() / 1000.0, peak, oom ? "**yes**" : "no");
        } finally {
            pipfix.destroy();
            pipfix.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** JVM options the Action's step uses: a short-lived JVM starts faster with C1 only and the serial collector. */
    private static final List<String> ACTION_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * {@code pipfix action} as a runner starts it, cold each time: process start to the comment's POST and to the
     * process's exit, against {@code java -jar pipfix.jar --version} (the JVM and the jar's start, no work).
     */
    private void actionRounds(Path jar, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("pipfix-action-bench");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Long> versionMillis = new ArrayList<>();
        List<Long> commentMillis = new ArrayList<>();
        List<Long> exitMillis = new ArrayList<>();
        List<Integer> apiCalls = new ArrayList<>();
        for (int round = 0; round < 2 + rounds; round++) {
            List<String> version = new ArrayList<>(List.of(java));
            version.addAll(ACTION_JVM);
            version.addAll(List.of("-jar", jar.toString(), "--version"));
            long started = System.nanoTime();
            Process v = new ProcessBuilder(version).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("version.log").toFile()).start();
            v.waitFor(60, TimeUnit.SECONDS);
            long versionTook = (System.nanoTime() - started) / 1_000_000;

            long run = 800_000_000L + round;
            int pr = 5000 + round;
            String payload = Files.readString(Path.of("src/test/resources/payloads/workflow_run-completed-failure-same-repo.json"))
                    .replace("680634037", Long.toString(run))
                    .replace("\"number\": 42", "\"number\": " + pr);
            Path event = dir.resolve("event.json");
            Files.writeString(event, payload);
            CompletableFuture<Instant> comment = new CompletableFuture<>();
            commented.put(pr, comment);
            calls.clear();
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(ACTION_JVM);
            command.addAll(List.of("-jar", jar.toString(), "action"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("action.log").toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("GITHUB_") || name.startsWith("PIPFIX_"));
            builder.environment().putAll(Map.of(
                    "GITHUB_EVENT_NAME", "workflow_run",
                    "GITHUB_EVENT_PATH", event.toString(),
                    "GITHUB_TOKEN", "ghs_bench",
                    "GITHUB_API_URL", "http://127.0.0.1:" + port,
                    "GITHUB_REPOSITORY", REPO,
                    "GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString(),
                    "GITHUB_OUTPUT", dir.resolve("output.txt").toString()));
            Instant start = Instant.now();
            started = System.nanoTime();
            Process action = builder.start();
            if (!action.waitFor(60, TimeUnit.SECONDS) || action.exitValue() != 0) {
                throw new IllegalStateException("pipfix action failed: " + Files.readString(dir.resolve("action.log")));
            }
            long exitTook = (System.nanoTime() - started) / 1_000_000;
            Instant at = comment.get(1, TimeUnit.SECONDS);
            if (round >= 2) {
                versionMillis.add(versionTook);
                exitMillis.add(exitTook);
                commentMillis.add(Duration.between(start, at).toMillis());
                apiCalls.add(calls.size());
            }
        }
        System.out.printf("| `java -jar pipfix.jar --version` (the JVM's start, no work) | %d ms | | |%n", median(versionMillis));
        System.out.printf("| `pipfix action`: start to the comment's POST | %d ms | %d ms | %d |%n",
                median(commentMillis), percentile(commentMillis, 90), median(apiCalls.stream().map(Long::valueOf).toList()));
        System.out.printf("| `pipfix action`: start to exit | %d ms | %d ms | |%n", median(exitMillis), percentile(exitMillis, 90));
    }

    private Result deliver(HttpClient client, String base, long run, int attempt, int pr) throws Exception {
        CompletableFuture<Instant> comment = new CompletableFuture<>();
        commented.put(pr, comment);
        calls.clear();
        notModified.set(0);
        deliverRun(client, base, run, attempt, pr);
        Instant answered = Instant.now();
        Instant at = comment.get(30, TimeUnit.SECONDS);
        List<String> seen = new ArrayList<>(calls);
        return new Result(Duration.between(answered, at).toMillis(), seen, notModified.get());
    }

    private HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", exchange -> {
            try {
                answer(exchange);
            } catch (Exception e) {
                e.printStackTrace();
                send(exchange, 500, "{\"message\":\"" + e + "\"}", Map.of());
            } finally {
                exchange.close();
            }
        });
        server.start();
        port = server.getAddress().getPort();
        return server;
    }

    private void answer(HttpExchange exchange) throws Exception {
        Instant arrived = Instant.now();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String etag = exchange.getRequestHeaders().getFirst("If-None-Match");
        boolean storage = path.startsWith("/storage/");
        if (!storage && !path.endsWith("/access_tokens")) {
            calls.add(method + " " + path.replace("/repos/" + REPO, ""));
        }
        Thread.sleep(latencyMillis);
        exchange.getRequestBody().readAllBytes();
        Matcher m;
        if (path.endsWith("/access_tokens")) {
            send(exchange, 201, "{\"token\":\"ghs_bench\",\"expires_at\":\"" + Instant.now().plusSeconds(3600) + "\"}", Map.of());
        } else if (storage && logFile != null) {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, Files.size(logFile));
            try (var out = exchange.getResponseBody()) {
                Files.copy(logFile, out);
            }
        } else if (storage) {
            send(exchange, 200, log, Map.of("Content-Type", "text/plain"));
        } else if ((m = JOBS.matcher(path)).matches()) {
            long job = Long.parseLong(m.group(1)) * 10 + Long.parseLong(m.group(2));
            String jobs = "{\"total_count\":1,\"jobs\":[{\"id\":" + job + ",\"name\":\"test (3.12)\",\"html_url\":"
                    + "\"https://github.com/" + REPO + "/actions/runs/" + m.group(1) + "/job/" + job + "\","
                    + "\"conclusion\":\"failure\",\"steps\":[{\"name\":\"Set up job\",\"number\":1,\"conclusion\":"
                    + "\"success\"},{\"name\":\"Install dependencies\",\"number\":3,\"conclusion\":\"failure\"}]}]}";
            conditional(exchange, etag, "W/\"jobs-" + job + "\"", jobs);
        } else if ((m = LOGS.matcher(path)).matches()) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/storage/" + m.group(1));
            exchange.sendResponseHeaders(302, -1);
        } else if (path.equals("/repos/" + REPO + "/contents/.github/workflows/ci.yml")) {
            String content = Base64.getMimeEncoder().encodeToString(workflow.getBytes(StandardCharsets.UTF_8))
                    .replace("\r\n", "\\n");
            conditional(exchange, etag, "W/\"ci-yml-" + SHA + "\"",
                    "{\"type\":\"file\",\"encoding\":\"base64\",\"path\":\".github/workflows/ci.yml\",\"content\":\""
                            + content + "\"}");
        } else if ((m = COMMENTS.matcher(path)).matches() && method.equals("GET")) {
            int pr = Integer.parseInt(m.group(1));
            send(exchange, 200, hasComment.containsKey(pr)
                    ? "[{\"id\":" + pr * 100L + ",\"body\":\"<!-- pipfix:workflow=7087581 -->\",\"user\":{\"login\":\"pipfix[bot]\"}}]"
                    : "[]", Map.of());
        } else if ((m = COMMENTS.matcher(path)).matches() && method.equals("POST")) {
            int pr = Integer.parseInt(m.group(1));
            hasComment.put(pr, true);
            send(exchange, 201, "{\"id\":" + pr * 100L + "}", Map.of());
            commented.get(pr).complete(arrived);
        } else if ((m = COMMENT.matcher(path)).matches() && method.equals("PATCH")) {
            int pr = (int) (Long.parseLong(m.group(1)) / 100);
            send(exchange, 200, "{\"id\":" + m.group(1) + "}", Map.of());
            commented.get(pr).complete(arrived);
        } else {
            send(exchange, 404, "{\"message\":\"Not Found\"}", Map.of());
        }
    }

    private void conditional(HttpExchange exchange, String ifNoneMatch, String etag, String body) throws IOException {
        if (etag.equals(ifNoneMatch)) {
            notModified.incrementAndGet();
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, 200, body, Map.of("ETag", etag));
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void awaitHealthy(HttpClient client, String base) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("pipfix did not become healthy");
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static long median(List<Long> values) {
        return percentile(values, 50);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
