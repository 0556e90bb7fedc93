package dev.pipfix.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pipfix.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");

    @Parameter
    String kind;

    @TempDir
    Path dataDir;

    private TestDatabases.Opened database;
    private HikariDataSource dataSource;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = TestDatabases.open(kind, dataDir, 2);
        dataSource = database.dataSource();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }

    @Test
    void rows_past_retention_are_deleted_and_recent_ones_kept() throws SQLException {
        // given deliveries and queued runs either side of 30 days, failed tasks either side of 90
        TestDatabases.recordDelivery(dataSource, "old-delivery", NOW.minus(Duration.ofDays(31)));
        TestDatabases.recordDelivery(dataSource, "recent-delivery", NOW.minus(Duration.ofDays(29)));
        queuedRun("octo-org/octo-repo/1/1", NOW.minus(Duration.ofDays(30).plusSeconds(1)));
        queuedRun("octo-org/octo-repo/2/1", NOW.minus(Duration.ofDays(3)));
        FailedTasks failed = new FailedTasks(dataSource);
        failed.record("octo-org/octo-repo/3/1", 5, "gave up", NOW.minus(Duration.ofDays(91)));
        failed.record("octo-org/octo-repo/4/1", 5, "gave up", NOW.minus(Duration.ofDays(89)));
        Retention retention = new Retention(dataSource, Retention.DEDUPLICATION, Retention.FAILURES);

        DeliveryLog deliveries = new DeliveryLog(dataSource);

        // when
        Retention.Pruned first = retention.prune(NOW);
        Retention.Pruned second = retention.prune(NOW);

        // then only the old rows went, once
        assertThat(first).isEqualTo(new Retention.Pruned(1, 1, 1, 0));
        assertThat(second.total()).isZero();
        assertThat(deliveries.seen("old-delivery")).isFalse();
        assertThat(deliveries.seen("recent-delivery")).isTrue();
        assertThat(ids("select task_instance from queued_runs")).containsExactly("octo-org/octo-repo/2/1");
        assertThat(ids("select task_instance from failed_tasks")).containsExactly("octo-org/octo-repo/4/1");
    }

    private void queuedRun(String id, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into queued_runs (task_instance, queued_at) values (?, ?)")) {
            insert.setString(1, id);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    private List<String> ids(String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
