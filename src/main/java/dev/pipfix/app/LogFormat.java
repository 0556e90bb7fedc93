package dev.pipfix.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * {@code LOG_FORMAT}: {@code text} (logback.xml's pattern, one line per event with its key-value pairs) or
 * {@code json} (one JSON object per line, key-value pairs in {@code kvpList}, for log collectors). Applied in code
 * because the setting may come from {@code .env}, which logback does not read.
 */
final class LogFormat {

    private LogFormat() {}

    static void apply(String format) throws ConfigException {
        String chosen =
                format == null || format.isBlank() ? "text" : format.strip().toLowerCase(Locale.ROOT);
        switch (chosen) {
            case "text" -> {}
            case "json" -> toJson();
            default -> throw new ConfigException("LOG_FORMAT is '" + format + "': give text or json");
        }
    }

    private static void toJson() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> appender = root.getAppender("STDOUT");
        if (appender instanceof OutputStreamAppender<ILoggingEvent> console) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.start();
            console.stop();
            console.setEncoder(encoder);
            console.start();
        }
    }
}
