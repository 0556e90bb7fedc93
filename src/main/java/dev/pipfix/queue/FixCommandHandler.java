package dev.pipfix.queue;

import java.io.IOException;

/** Carries out one queued {@code /pipfix apply}. */
@FunctionalInterface
public interface FixCommandHandler {

    RunResult handle(FixCommand command) throws IOException;
}
