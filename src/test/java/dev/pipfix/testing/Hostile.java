package dev.pipfix.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * What the fuzz tests (Jazzer, coverage-guided) build a fork's input from: the words the parsers and rules key on,
 * the characters that make patterns backtrack, raw bytes, and long runs of any of them; and the time bound each input
 * must finish in. The fuzzer chooses among them and learns which choices reach new code.
 */
public final class Hostile {

    /** No single input of these sizes comes near it; a hang or a superlinear blow-up passes it at once. */
    public static final Duration EACH_INPUT = Duration.ofSeconds(3);

    private Hostile() {}

    /** Text made of the fragments, raw strings and runs of a fragment repeated, as the fuzzer's data chooses. */
    public static String textOf(FuzzedDataProvider data, List<String> fragments) {
        StringBuilder text = new StringBuilder();
        int parts = data.consumeInt(0, 80);
        for (int p = 0; p < parts && data.remainingBytes() > 0; p++) {
            switch (data.consumeInt(0, 9)) {
                case 0 -> text.append(data.consumeString(40));
                case 1 -> text.append(data.pickValue(fragments).repeat(data.consumeInt(2, 2_000)));
                default -> text.append(data.pickValue(fragments));
            }
            if (text.length() > 200_000) {
                break;
            }
        }
        return text.toString();
    }

    /** The work's result, failing the fuzz test (and keeping the input) when it takes longer than {@link #EACH_INPUT}. */
    public static <T> T within(ThrowingSupplier<T> work) throws Throwable {
        long started = System.nanoTime();
        T result = work.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(EACH_INPUT) > 0) {
            throw new AssertionError("one input took " + took.toMillis() + " ms, over the bound of " + EACH_INPUT);
        }
        return result;
    }
}
