package dev.pipfix.queue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The database as the webhook and {@code /healthz} see it: connections that are given up on quickly (see
 * {@link Database#openForIntake()}), and the memory of an outage. Once a connection attempt or a transaction has
 * failed because the database did not answer, every caller is told so at once for {@link #REMEMBER}, with the reason,
 * instead of each request waiting for an attempt of its own: during an outage GitHub gets its 503 with the cause
 * well inside its 10 s deadline, and a burst cannot hold every server thread. After that moment the next caller tries
 * again, so pipfix recovers by itself when the database is back.
 */
public final class ReachableDatabase {

    /** How long an outage is believed without trying again. */
    public static final Duration REMEMBER = Duration.ofSeconds(1);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Clock clock;
    private final AtomicReference<Optional<Outage>> outage = new AtomicReference<>(Optional.empty());

    /** Since when the database has not answered, when that was last seen, and what the driver said. */
    public record Outage(Instant since, Instant lastSeen, String reason) {

        /**
         * In words, for a reply or a health check that anyone may read: since when, not what the driver said (its
         * message names the database's host and user).
         */
        public String describe() {
            return "the database has not answered since " + TIME.format(since);
        }

        /** With the driver's words, for the log and the operator. */
        public String detail() {
            return describe() + ": " + reason;
        }
    }

    public ReachableDatabase(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * A connection, unless an outage was seen within {@link #REMEMBER}.
     *
     * @throws DatabaseUnreachableException at once while an outage is remembered
     * @throws SQLException when no connection could be had; the caller reports it with {@link #failed}, as it does
     *     a failure later in its transaction
     */
    public Connection connection() throws SQLException {
        Optional<Outage> known = remembered();
        if (known.isPresent()) {
            throw new DatabaseUnreachableException(known.get());
        }
        return dataSource.getConnection();
    }

    /** The outage seen within {@link #REMEMBER}, if any. */
    public Optional<Outage> remembered() {
        Instant now = clock.instant();
        return outage.get().filter(o -> now.isBefore(o.lastSeen().plus(REMEMBER)));
    }

    /**
     * For {@code /healthz}: the outage remembered, or else a quick check of a connection. Bounded by the pool's
     * short acquire timeout, so a health check never waits for the database longer than a delivery does.
     */
    public Optional<Outage> check() {
        Optional<Outage> known = remembered();
        if (known.isPresent()) {
            return known;
        }
        try (Connection connection = connection()) {
            if (connection.isValid(1)) {
                answered();
                return Optional.empty();
            }
            failed(new SQLTransientConnectionException("the connection did not answer a check within 1 s"));
        } catch (SQLException | RuntimeException e) {
            failed(e);
        }
        return outage.get().or(() -> Optional.of(new Outage(clock.instant(), clock.instant(), "it does not answer")));
    }

    /** A transaction went through: any outage is over. */
    public void answered() {
        if (outage.get().isPresent()) {
            outage.set(Optional.empty());
        }
    }

    /** Remembers the failure if it says the database could not be reached; other failures say nothing of that. */
    public void failed(Throwable failure) {
        // this class's own refusal is the memory of an outage, not a new sighting: it must not prolong it
        if (failure instanceof DatabaseUnreachableException || !unreachable(failure)) {
            return;
        }
        Instant now = clock.instant();
        String reason = reason(failure);
        outage.updateAndGet(
                current -> Optional.of(new Outage(current.map(Outage::since).orElse(now), now, reason)));
    }

    /**
     * Whether the failure is the database not answering: no connection within the timeout (HikariCP), a connection
     * refused or broken (SQL state class 08, or the socket's own exception underneath), or PostgreSQL going away
     * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now: what a pooled connection gets while the
     * server stops, before any connection is refused).
     */
    static boolean unreachable(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLTransientConnectionException
                    || e instanceof SQLNonTransientConnectionException
                    || e instanceof IOException) {
                return true;
            }
            if (e instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The driver's words for the deepest cause, first sentence only: enough to act on, without a stack. */
    private static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null
                ? deepest.getClass().getSimpleName()
                : deepest.getMessage().strip();
        int sentence = message.indexOf(". ");
        return sentence > 0 ? message.substring(0, sentence) : message;
    }

    /** Thrown at once while an outage is remembered. */
    public static final class DatabaseUnreachableException extends SQLTransientConnectionException {

        private final transient Outage outage;

        DatabaseUnreachableException(Outage outage) {
            super(outage.detail(), "08001");
            this.outage = outage;
        }

        public Outage outage() {
            return outage;
        }
    }
}
