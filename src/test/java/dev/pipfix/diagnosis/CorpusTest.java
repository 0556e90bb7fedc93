package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks the corpus under {@code src/test/resources/corpus}: every {@code positive/<kind>--<cause>--<scenario>.log}
 * gives exactly one finding of that kind and cause, every {@code negative/<scenario>.log} gives none.
 */
class CorpusTest {

    private final LogDetector engine = new LogScanner();

    @ParameterizedTest(name = "{0}")
    @MethodSource("positives")
    void a_positive_log_gives_exactly_its_finding(String name) throws IOException {
        String[] expected = name.split("--");

        List<Finding> findings = scan("positive/" + name).findings();

        assertThat(findings).as(name).singleElement().satisfies(finding -> {
            assertThat(finding.kind().id()).isEqualTo(expected[0]);
            assertThat(finding.cause().id()).isEqualTo(expected[1]);
            assertThat(finding.evidence()).isNotEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatives")
    void a_negative_log_gives_no_finding(String name) throws IOException {
        assertThat(scan("negative/" + name).findings()).as(name).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyLog")
    void the_prefilter_finds_what_reading_every_line_finds(String path) throws IOException {
        Diagnosis fast = scan(path);
        Diagnosis reference;
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/" + path)) {
            reference = new LogScanner(1, true).scan(in);
        }

        assertThat(fast).isEqualTo(reference);
    }

    static Stream<String> positives() throws IOException, URISyntaxException {
        return names("positive");
    }

    static Stream<String> negatives() throws IOException, URISyntaxException {
        return names("negative");
    }

    static Stream<String> everyLog() throws IOException, URISyntaxException {
        return Stream.concat(names("positive").map(n -> "positive/" + n), names("negative").map(n -> "negative/" + n));
    }

    private static Stream<String> names(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusTest.class.getResource("/corpus/" + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList()
                    .stream();
        }
    }

    private Diagnosis scan(String path) throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/" + path)) {
            return engine.scan(in);
        }
    }
}
