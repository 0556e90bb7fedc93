package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** bench/run.sh times grep on the very starts the scanner knows: the list there is this one. */
class BenchAnchorsTest {

    @Test
    void the_benchs_anchors_are_the_starts_the_scanner_knows() throws IOException {
        assertThat(Files.readAllLines(Path.of("bench/anchors.txt"), StandardCharsets.UTF_8))
                .containsExactly(LineStarts.PREFIXES_KNOWN);
    }
}
