package dev.pipfix.queue;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Comment threads of one process with no database: the Action's, which handles one run. Threads take turns on a
 * lock of their own; what a turn leaves is forgotten with the process, so the next run finds its comment by its
 * marker again.
 */
public final class InMemoryCommentTurns implements CommentTurns {

    private final Map<Key, State> states = new ConcurrentHashMap<>();
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();

    @Override
    public <T> T inTurn(Key key, Work<T> work) throws IOException {
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Turn<T> turn = work.run(states.getOrDefault(key, State.NEW));
            states.put(key, turn.next());
            return turn.result();
        }
    }
}
