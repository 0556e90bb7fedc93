package dev.pipfix.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * What the fuzz properties build a fork's input from: the words the parsers and rules key on, the characters that
 * make patterns backtrack, random text, and long runs of any of them; and the time bound each input must finish in.
 */
public final class Hostile {

    /** No single input of these sizes comes near it; a hang or a quadratic blow-up passes it at once. */
    public static final Duration EACH_INPUT = Duration.ofSeconds(3);

    private Hostile() {}

    /** Text made of the given fragments, random characters and runs of a fragment repeated, up to a few KB. */
    public static Arbitrary<String> textOf(List<String> fragments) {
        Arbitrary<String> fragment = Arbitraries.of(fragments);
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> run = Arbitraries.of(fragments)
                .flatMap(f -> Arbitraries.integers()
                        .between(2, 2_000)
                        .map(n -> f.repeat(Math.min(n, 20_000 / Math.max(1, f.length())))));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(10, fragment),
                        net.jqwik.api.Tuple.of(2, random),
                        net.jqwik.api.Tuple.of(1, run))
                .list()
                .ofMaxSize(60)
                .map(parts -> String.join("", parts));
    }

    /** The work's result, failing the property when it takes longer than {@link #EACH_INPUT}. */
    public static <T> T within(ThrowingSupplier<T> work) {
        return assertTimeoutPreemptively(EACH_INPUT, work);
    }
}
