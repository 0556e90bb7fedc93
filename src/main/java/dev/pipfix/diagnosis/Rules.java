package dev.pipfix.diagnosis;

/**
 * One installer's knowledge: the words it prints when it may not write, and what they say of the cause. Each group
 * reads every output line in log order, over the facts all of them share ({@link LogContext}), and keeps only the
 * state of its own blocks (a headline waiting for its error code, a chain of causes).
 */
interface Rules {

    /** @return whether the line was this installer's, and so no later group's */
    boolean read(OutputLine line, LogContext log);

    /** A new step began: a block of the step before ends with it. */
    default void stepStarted() {}
}
