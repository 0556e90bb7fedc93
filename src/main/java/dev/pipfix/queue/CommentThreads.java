package dev.pipfix.queue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Comment threads taken in turn: one pull request's (or one commit's) comment of one workflow is written by one
 * worker at a time, across threads and instances, so that runs finishing together make one comment. A thread's row
 * is inserted once, then locked ({@code select ... for update}) for as long as the worker talks to GitHub; the row
 * keeps the comment's id, the digest of the text last written and the run that wrote it.
 */
public final class CommentThreads implements CommentTurns {

    /** Longer than any turn takes: a turn is a few GitHub calls, each with its own time-outs. */
    static final Duration LOCK_WAIT = Duration.ofMinutes(2);

    private static final int H2_DEFAULT_LOCK_TIMEOUT_MILLIS = 1000;

    private final DataSource dataSource;
    private final Database.Dialect dialect;
    private final Clock clock;

    public CommentThreads(DataSource dataSource, Database.Dialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    /**
     * Runs {@code work} with the thread to itself: others wait (up to {@link #LOCK_WAIT}) and then see what it left.
     *
     * @throws QueueUnavailableException when the database cannot be used or the wait runs out; the run is retried
     */
    @Override
    public <T> T inTurn(Key key, Work<T> work) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            insertOnce(connection, key);
            connection.setAutoCommit(false);
            try {
                waitAtMost(connection);
                State state = lock(connection, key);
                Turn<T> turn = work.run(state);
                if (!turn.next().equals(state)) {
                    save(connection, key, turn.next());
                }
                connection.commit();
                return turn.result();
            } catch (IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                if (dialect == Database.Dialect.H2) {
                    // a session setting on H2 (PostgreSQL's "set local" ends with the transaction): back to H2's
                    // default for whoever borrows the connection next
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("set lock_timeout " + H2_DEFAULT_LOCK_TIMEOUT_MILLIS);
                    }
                }
            }
        } catch (SQLException e) {
            throw new QueueUnavailableException(
                    "the comment thread " + key.thread() + " of " + key.repository() + " could not be taken", e);
        }
    }

    /** The row, if no one made it yet; two instances inserting at once leave one row. */
    private void insertOnce(Connection connection, Key key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into comment_threads (repository,"
                + " thread, marker, run_id, run_attempt, updated_at) values (?, ?, ?, 0, 0, ?)")) {
            insert.setString(1, key.repository());
            insert.setString(2, key.thread());
            insert.setString(3, key.marker());
            insert.setTimestamp(4, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!Rows.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** How long this transaction waits for another's row lock before it fails (both default to less, or for ever). */
    private void waitAtMost(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    dialect == Database.Dialect.POSTGRESQL
                            ? "set local lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'"
                            : "set lock_timeout " + LOCK_WAIT.toMillis());
        }
    }

    private static State lock(Connection connection, Key key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select comment_id, body_sha256, run_id,"
                + " run_attempt from comment_threads where repository = ? and thread = ? and marker = ? for update")) {
            select.setString(1, key.repository());
            select.setString(2, key.thread());
            select.setString(3, key.marker());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("the comment thread's row is gone");
                }
                long id = row.getLong(1);
                Optional<Long> commentId = row.wasNull() ? Optional.empty() : Optional.of(id);
                return new State(
                        commentId, Optional.ofNullable(row.getString(2)), new RunStamp(row.getLong(3), row.getLong(4)));
            }
        }
    }

    private void save(Connection connection, Key key, State state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update comment_threads set comment_id = ?,"
                + " body_sha256 = ?, run_id = ?, run_attempt = ?, updated_at = ? where repository = ? and"
                + " thread = ? and marker = ?")) {
            if (state.commentId().isPresent()) {
                update.setLong(1, state.commentId().get());
            } else {
                update.setNull(1, Types.BIGINT);
            }
            update.setString(2, state.bodySha256().orElse(null));
            update.setLong(3, state.writtenBy().runId());
            update.setLong(4, state.writtenBy().runAttempt());
            update.setTimestamp(5, Timestamp.from(clock.instant()));
            update.setString(6, key.repository());
            update.setString(7, key.thread());
            update.setString(8, key.marker());
            update.executeUpdate();
        }
    }
}
