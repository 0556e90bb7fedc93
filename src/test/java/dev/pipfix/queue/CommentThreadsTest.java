package dev.pipfix.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipfix.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class CommentThreadsTest {

    private static final CommentThreads.Key KEY =
            new CommentThreads.Key("octo-org/octo-repo", "pr:42", "<!-- pipfix:workflow=7087581 -->");

    @Parameter
    String kind;

    @TempDir
    Path dataDir;

    private TestDatabases.Opened database;
    private CommentThreads threads;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = TestDatabases.open(kind, dataDir, 8);
        threads = new CommentThreads(database.dataSource(), database.dialect(), Clock.systemUTC());
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }

    @Test
    void a_new_thread_knows_nothing_and_keeps_what_its_turn_leaves() throws IOException {
        CommentThreads.State written = new CommentThreads.State(
                Optional.of(9001L), Optional.of("ab12"), new CommentThreads.RunStamp(680634037, 2));

        CommentThreads.State first = threads.inTurn(KEY, state -> new CommentThreads.Turn<>(state, written));
        CommentThreads.State second = threads.inTurn(KEY, state -> new CommentThreads.Turn<>(state, state));

        assertThat(first).isEqualTo(CommentThreads.State.NEW);
        assertThat(second).isEqualTo(written);
        CommentThreads.State otherThread = threads.inTurn(
                new CommentThreads.Key("octo-org/octo-repo", "commit:6f0b5a9", KEY.marker()),
                state -> new CommentThreads.Turn<>(state, state));
        assertThat(otherThread).isEqualTo(CommentThreads.State.NEW);
    }

    @Test
    void turns_on_one_thread_run_one_after_the_other_and_each_sees_what_the_one_before_left() throws Exception {
        // given eight workers that each add themselves to what the thread remembers, slowly
        ExecutorService workers = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> inside = Collections.synchronizedList(new ArrayList<>());
        List<Future<Long>> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seen.add(workers.submit(() -> {
                start.await();
                return threads.inTurn(KEY, state -> {
                    inside.add(1);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    int together = inside.size();
                    inside.remove(0);
                    long count = state.commentId().orElse(0L);
                    assertThat(together).as("workers inside one turn").isEqualTo(1);
                    return new CommentThreads.Turn<>(
                            count,
                            new CommentThreads.State(Optional.of(count + 1), Optional.empty(), state.writtenBy()));
                });
            }));
        }

        // when they start together
        start.countDown();
        List<Long> counts = new ArrayList<>();
        for (Future<Long> future : seen) {
            counts.add(future.get(60, TimeUnit.SECONDS));
        }
        workers.shutdown();

        // then each saw the one before's count: 0 to 7, none twice
        assertThat(counts).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void a_turn_that_fails_leaves_the_thread_as_it_was() throws IOException {
        CommentThreads.State before = threads.inTurn(
                KEY,
                state -> new CommentThreads.Turn<>(
                        state,
                        new CommentThreads.State(
                                Optional.of(9001L), Optional.empty(), new CommentThreads.RunStamp(1, 1))));

        assertThatThrownBy(() -> threads.inTurn(KEY, state -> {
                    throw new IOException("GitHub answered 502");
                }))
                .hasMessage("GitHub answered 502");

        CommentThreads.State after = threads.inTurn(KEY, state -> new CommentThreads.Turn<>(state, state));
        assertThat(after.commentId()).hasValue(9001L);
        assertThat(before).isEqualTo(CommentThreads.State.NEW);
    }
}
