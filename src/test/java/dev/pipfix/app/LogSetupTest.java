package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void the_logging_set_up_in_code_is_the_one_logback_xml_describes() throws Exception {
        String xml = Files.readString(Path.of("src/main/resources/logback.xml"));

        assertThat(xml).contains("<pattern>" + LogSetup.PATTERN + "</pattern>")
                .contains("<logger name=\"org.eclipse.jetty\" level=\"WARN\"/>")
                .contains("<logger name=\"io.javalin\" level=\"WARN\"/>")
                .contains("<logger name=\"org.kohsuke.github\" level=\"WARN\"/>")
                .contains("<root level=\"INFO\">");
    }
}
