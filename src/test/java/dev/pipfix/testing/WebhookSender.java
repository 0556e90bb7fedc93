package dev.pipfix.testing;

import dev.pipfix.web.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Sends deliveries the way GitHub does: raw JSON body, signed with the webhook secret, GitHub's headers. */
public final class WebhookSender {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI url;
    private final WebhookSignature signature;

    public WebhookSender(String url, String secret) {
        this.url = URI.create(url);
        this.signature = new WebhookSignature(secret);
    }

    public HttpResponse<String> deliver(String event, byte[] body) {
        return deliver(event, UUID.randomUUID().toString(), body);
    }

    public HttpResponse<String> deliver(String event, String deliveryId, byte[] body) {
        return send(request(body)
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", signature.sign(body)));
    }

    /** A request with GitHub's fixed headers only; the test adds (or leaves out) the rest. */
    public HttpRequest.Builder request(byte[] body) {
        return HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/8e0c7a1")
                .header("X-GitHub-Hook-ID", "509287")
                .header("X-GitHub-Hook-Installation-Target-Type", "integration")
                .header("X-GitHub-Hook-Installation-Target-ID", "123456")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    public String sign(byte[] body) {
        return signature.sign(body);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
