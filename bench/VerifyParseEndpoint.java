import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor for any honest webhook server in Java, for bench/load.sh: Javalin 7 as pipfix runs it, answering POST
 * /webhook after verifying X-Hub-Signature-256 over the raw body (HMAC-SHA256, compared in constant time) and parsing
 * the whole body with Jackson into a tree; 401 for a bad signature, 400 for a body that is not JSON, else 202. It
 * stores nothing. Usage: java -Dlogback.configurationFile=src/main/resources/logback.xml -cp CLASSPATH
 * bench/VerifyParseEndpoint.java PORT SECRET
 */
public final class VerifyParseEndpoint {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        SecretKeySpec key = new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        ObjectMapper json = new ObjectMapper();
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 25L * 1024 * 1024;
            config.routes.post("/webhook", ctx -> {
                byte[] body;
                try (var in = ctx.req().getInputStream()) {
                    body = in.readAllBytes();
                }
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                        .getBytes(StandardCharsets.US_ASCII);
                String given = ctx.header("X-Hub-Signature-256");
                if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
                    ctx.status(401).result("{\"result\":\"rejected\"}");
                    return;
                }
                JsonNode payload;
                try {
                    payload = json.readTree(body);
                } catch (Exception e) {
                    ctx.status(400).result("{\"result\":\"rejected\"}");
                    return;
                }
                ctx.status(202).result("{\"result\":\"queued\",\"action\":\"" + payload.path("action").asText() + "\"}");
            });
        }).start("127.0.0.1", port);
    }
}
