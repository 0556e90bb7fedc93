package dev.pipfix.app;

import dev.pipfix.web.WebhookSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * {@code pipfix replay}: sends a saved delivery to a running pipfix as GitHub would, signed with
 * {@code WEBHOOK_SECRET}, and prints the answer. For trying a setup, and for re-running a delivery by hand.
 */
final class ReplayCommand {

    /** The server answered, but not with 2xx. */
    static final int REFUSED = 1;

    private final Map<String, String> environment;
    private final Path dotEnv;

    ReplayCommand(Map<String, String> environment, Path dotEnv) {
        this.environment = environment;
        this.dotEnv = dotEnv;
    }

    int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandOptions options = new CommandOptions(
                        "java -jar pipfix.jar replay PAYLOAD.json [OPTIONS]",
                        "Send a saved delivery to a running pipfix, signed with WEBHOOK_SECRET, with GitHub's headers, and"
                                + " print the answer. PAYLOAD.json is the payload, GitHub's delivery JSON (GET"
                                + " /app/hook/deliveries/{id}), or the headers and payload copied from the App's Recent"
                                + " Deliveries page. Exit 0 for a 2xx answer, 1 for another, 2 when nothing was sent.")
                .with(Option.builder()
                        .longOpt("event")
                        .hasArg()
                        .argName("EVENT")
                        .desc("X-GitHub-Event; needed when the file is the bare payload")
                        .build())
                .with(Option.builder()
                        .longOpt("url")
                        .hasArg()
                        .argName("URL")
                        .desc("where to send it (default http://localhost:$PORT/webhook)")
                        .build())
                .with(Option.builder()
                        .longOpt("delivery")
                        .hasArg()
                        .argName("ID")
                        .desc("X-GitHub-Delivery (default: the saved one, else a new UUID); a delivery id pipfix"
                                + " has seen is answered \"duplicate\"")
                        .build());
        CommandOptions.Parsed parsed = options.parse(args, out, err);
        if (parsed.line().isEmpty()) {
            return parsed.exitCode();
        }
        CommandLine line = parsed.line().get();
        if (line.getArgList().size() != 1) {
            err.println("pipfix: replay takes one file: the saved delivery");
            options.printUsage(err);
            return Main.USAGE;
        }
        Map<String, String> settings;
        SavedDelivery saved;
        try {
            settings = ConfigLoader.settings(environment, dotEnv);
            saved = SavedDelivery.parse(
                    Files.readString(Path.of(line.getArgList().get(0)), StandardCharsets.UTF_8));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("pipfix: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("pipfix: " + line.getArgList().get(0) + " cannot be read: " + e.getMessage());
            return Main.USAGE;
        }
        String event = line.getOptionValue("event", saved.event());
        if (event == null || event.isBlank()) {
            err.println("pipfix: the file does not say which event it is: give --event workflow_run (or ping, ...)");
            return Main.USAGE;
        }
        String secret = settings.get("WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
            err.println("pipfix: WEBHOOK_SECRET is not set: replay signs with the secret the server checks");
            return Main.USAGE;
        }
        String delivery = line.getOptionValue(
                "delivery",
                saved.deliveryId() != null
                        ? saved.deliveryId()
                        : UUID.randomUUID().toString());
        String url =
                line.getOptionValue("url", "http://localhost:" + settings.getOrDefault("PORT", "3000") + "/webhook");
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "GitHub-Hookshot/pipfix-replay")
                    .header("X-GitHub-Event", event)
                    .header("X-GitHub-Delivery", delivery)
                    .header("X-Hub-Signature-256", new WebhookSignature(secret.strip()).sign(saved.body()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(saved.body()))
                    .build();
        } catch (IllegalArgumentException e) {
            err.println("pipfix: --url '" + url + "' is not a URL: " + e.getMessage());
            return Main.USAGE;
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("pipfix: " + url + " cannot be reached: " + e.getMessage() + "; is pipfix running there?");
            return Main.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.USAGE;
        }
        out.println("POST " + url + " event=" + event + " delivery=" + delivery + " bytes=" + saved.body().length);
        out.println(response.statusCode() + " " + response.body().strip());
        return response.statusCode() / 100 == 2 ? 0 : REFUSED;
    }
}
