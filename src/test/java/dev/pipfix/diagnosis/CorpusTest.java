package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks the corpus under {@code src/test/resources/corpus}: every {@code positive/<kind>--<cause>--<scenario>.log}
 * gives exactly one finding of that kind and cause, every {@code negative/<scenario>.log} gives none. A log's first
 * lines may start with {@code "# "}: where it comes from and what it shows, not part of the log.
 */
class CorpusTest {

    private static final Pattern TIMESTAMPED = Pattern.compile("\uFEFF?\\[?\\d{4}-\\d{2}-\\d{2}T\\d{2}:");

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

    /**
     * The engine reads every line of a log whose lines carry no timestamp, so such a log says nothing of the
     * prefilter as it is. A GitHub log copied from the web page (no timestamps, a step starting with {@code Run })
     * is checked as GitHub's raw log of it would be: a timestamp before each line, the step's header in a group.
     * Other logs without timestamps (Jenkins, a terminal) are read line by line whatever the prefilter does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("githubLogs")
    void the_prefilter_finds_what_reading_every_line_finds(String path) throws IOException {
        byte[] log = read(path);
        String text = new String(log, StandardCharsets.UTF_8);
        if (!TIMESTAMPED.matcher(text).lookingAt()) {
            log = text.lines()
                    .map(line ->
                            "2026-11-21T06:00:00.0000000Z " + (line.startsWith("Run ") ? "##[group]" + line : line))
                    .collect(Collectors.joining("\n", "", "\n"))
                    .getBytes(StandardCharsets.UTF_8);
        }

        Diagnosis fast = new LogScanner().scan(new ByteArrayInputStream(log));
        Diagnosis reference = new LogScanner(1, true).scan(new ByteArrayInputStream(log));

        assertThat(fast).isEqualTo(reference);
    }

    static Stream<String> positives() throws IOException, URISyntaxException {
        return names("positive");
    }

    static Stream<String> negatives() throws IOException, URISyntaxException {
        return names("negative");
    }

    static Stream<String> everyLog() throws IOException, URISyntaxException {
        return Stream.concat(
                names("positive").map(n -> "positive/" + n), names("negative").map(n -> "negative/" + n));
    }

    /** The logs the prefilter can apply to: GitHub's raw logs, and its web copies made raw again. */
    static Stream<String> githubLogs() throws IOException, URISyntaxException {
        List<String> logs = new java.util.ArrayList<>();
        for (String path : everyLog().toList()) {
            String text = new String(read(path), StandardCharsets.UTF_8);
            if (TIMESTAMPED.matcher(text).lookingAt() || text.startsWith("Run ")) {
                logs.add(path);
            }
        }
        return logs.stream();
    }

    private static byte[] read(String path) {
        return Fixtures.corpusLog(path).getBytes(StandardCharsets.UTF_8);
    }

    private static Stream<String> names(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusTest.class.getResource("/corpus/" + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".log"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private Diagnosis scan(String path) throws IOException {
        return engine.scan(new ByteArrayInputStream(read(path)));
    }
}
