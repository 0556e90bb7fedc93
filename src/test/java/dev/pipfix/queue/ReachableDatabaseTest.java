package dev.pipfix.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures mean the database is not there: those start an outage, which is answered at once and whole. */
class ReachableDatabaseTest {

    @Test
    void postgresql_going_away_is_the_database_unreachable_as_a_refused_connection_is() {
        // a pooled connection while the server stops, then a new one while it shuts down
        assertThat(ReachableDatabase.unreachable(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(ReachableDatabase.unreachable(new SQLException("the database system is shutting down", "57P03")))
                .isTrue();
        assertThat(ReachableDatabase.unreachable(new SQLException("Connection refused", "08001")))
                .isTrue();
    }

    @Test
    void a_statement_the_database_refused_is_not_an_outage() {
        assertThat(ReachableDatabase.unreachable(new SQLException("duplicate key value", "23505")))
                .isFalse();
        assertThat(ReachableDatabase.unreachable(new SQLException("value too long", "22001")))
                .isFalse();
    }
}
