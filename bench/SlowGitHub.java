import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * GitHub as the load benchmark's worker meets it: every call answers 502 after 300 ms, about the time a real API call
 * takes, so the worker spends its time waiting as it does in production. (An unused port refused in a millisecond,
 * and the worker then retried hundreds of runs a second, which no real GitHub allows.) Usage: java
 * bench/SlowGitHub.java PORT
 */
public final class SlowGitHub {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"message\":\"Server Error\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
