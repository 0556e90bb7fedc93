package dev.pipfix.queue;

import java.io.IOException;
import java.util.Optional;

/**
 * Comment threads taken in turn: one pull request's (or one commit's) comment of one workflow is written by one
 * writer at a time, who sees what the one before left: the comment's id, the digest of its text, the run that wrote
 * it. The server keeps threads in its database ({@link CommentThreads}), across instances; the Action, which handles
 * one run and keeps nothing, in memory ({@link InMemoryCommentTurns}).
 */
public interface CommentTurns {

    /**
     * A comment thread: {@code thread} is {@code pr:42} or {@code commit:<sha>}, {@code marker} the workflow's
     * hidden marker.
     */
    record Key(String repository, String thread, String marker) {}

    /** Which run wrote a thread last: runs are ordered by id, then attempt. */
    record RunStamp(long runId, long runAttempt) implements Comparable<RunStamp> {

        static final RunStamp NONE = new RunStamp(0, 0);

        @Override
        public int compareTo(RunStamp other) {
            return runId != other.runId ? Long.compare(runId, other.runId) : Long.compare(runAttempt, other.runAttempt);
        }
    }

    /** What the thread remembers: the comment, the digest of its text, and which run wrote it. */
    record State(Optional<Long> commentId, Optional<String> bodySha256, RunStamp writtenBy) {

        public static final State NEW = new State(Optional.empty(), Optional.empty(), RunStamp.NONE);
    }

    /** The turn's work: what it found, and what the thread remembers after it. */
    record Turn<T>(T result, State next) {}

    @FunctionalInterface
    interface Work<T> {
        Turn<T> run(State state) throws IOException;
    }

    /** Runs {@code work} with the thread to itself, and keeps the state it leaves. */
    <T> T inTurn(Key key, Work<T> work) throws IOException;
}
