package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void the_logging_set_up_in_code_is_the_one_logback_xml_describes() throws Exception {
        // given the settings from code and from the file, each on a context of its own
        LoggerContext fromCode = new LoggerContext();
        LogSetup.apply(fromCode);
        LoggerContext fromXml = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromXml);
        joran.doConfigure(Path.of("src/main/resources/logback.xml").toFile());

        // then every logger has the same level, and the console writes the same pattern
        assertThat(levels(fromCode))
                .isEqualTo(levels(fromXml))
                .containsEntry(Logger.ROOT_LOGGER_NAME, Level.INFO)
                .containsEntry("org.eclipse.jetty", Level.WARN);
        assertThat(pattern(fromCode)).isEqualTo(pattern(fromXml)).isEqualTo(LogSetup.PATTERN);
    }

    /** The loggers given a level of their own, by name. */
    private static Map<String, Level> levels(LoggerContext context) {
        Map<String, Level> levels = new TreeMap<>();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                levels.put(logger.getName(), logger.getLevel());
            }
        }
        return levels;
    }

    private static String pattern(LoggerContext context) {
        ConsoleAppender<?> console =
                (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        return ((PatternLayoutEncoder) console.getEncoder()).getPattern();
    }
}
