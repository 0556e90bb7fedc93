import io.javalin.Javalin;

/**
 * The comparison for bench/load.sh: Javalin 7 on the same JVM and the same thread settings as pipfix, answering 202
 * to POST /webhook after reading the body (from the request stream, as pipfix does), with no signature check and no
 * database. Logging is pipfix's logback.xml: without it logback logs Jetty at DEBUG, which costs more than the request.
 * Usage: java -Dlogback.configurationFile=src/main/resources/logback.xml -cp CLASSPATH bench/BareEndpoint.java PORT
 */
public final class BareEndpoint {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 25L * 1024 * 1024;
            config.routes.post("/webhook", ctx -> {
                try (var in = ctx.req().getInputStream()) {
                    in.readAllBytes();
                }
                ctx.status(202).result("{\"result\":\"queued\"}");
            });
        }).start("127.0.0.1", port);
    }
}
