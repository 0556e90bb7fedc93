package dev.pipfix.queue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the queue lives: an H2 file under {@code DATA_DIR} by default (nothing to set up), or the PostgreSQL that
 * {@code DATABASE_URL} names, in Heroku's {@code postgres://user:pass@host:port/db} form or as a {@code jdbc:} URL.
 * H2 runs with {@code WRITE_DELAY=0}: by default it writes commits in the background once a second, and a process
 * killed within that second loses deliveries already answered 202, which GitHub will not send again.
 */
public record Database(Dialect dialect, String jdbcUrl, String user, String password) {

    public enum Dialect {
        H2(1),
        POSTGRESQL(2);

        private final int intakeWriters;

        Dialect(int intakeWriters) {
            this.intakeWriters = intakeWriters;
        }

        /** The webhook's writer threads (see {@link BatchingIntake}): two on PostgreSQL, one on H2. */
        public int intakeWriters() {
            return intakeWriters;
        }
    }

    @Override
    public String toString() {
        return "Database[" + dialect + ", " + jdbcUrl + "]";
    }

    /** @param databaseUrl {@code DATABASE_URL}, or null for the embedded default */
    public static Database of(String databaseUrl, Path dataDir) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            String file = dataDir.toAbsolutePath().resolve("pipfix").toString();
            return new Database(Dialect.H2, "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
        }
        if (databaseUrl.startsWith("postgres://") || databaseUrl.startsWith("postgresql://")) {
            URI uri = URI.create(databaseUrl);
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Database(
                    Dialect.POSTGRESQL,
                    "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query,
                    user,
                    password);
        }
        if (databaseUrl.startsWith("jdbc:postgresql:")) {
            return new Database(Dialect.POSTGRESQL, databaseUrl, null, null);
        }
        if (databaseUrl.startsWith("jdbc:h2:")) {
            return new Database(Dialect.H2, databaseUrl, "sa", "");
        }
        throw new IllegalArgumentException("give a postgres:// URL, or a jdbc:postgresql: or jdbc:h2: URL");
    }

    /** The pool the worker, the scheduler and the pages share; a connection may be waited for up to 10 s. */
    public HikariDataSource open(int poolSize) {
        return new HikariDataSource(config(poolSize, "pipfix-db", Duration.ofSeconds(10)));
    }

    /**
     * The webhook's own pool: its writer threads and {@code /healthz}. It gives up on a connection after
     * {@link #INTAKE_CONNECTION_WAIT} (the worker's pool waits 10 s, which is GitHub's whole deadline for an answer),
     * and on PostgreSQL a connection attempt or a read that hangs is given up on too, so a request is answered 503
     * with the reason instead of timing out. Opened after the main pool has proved the database is there, so it does
     * not check again at start.
     */
    public HikariDataSource openForIntake() {
        HikariConfig config = config(dialect.intakeWriters() + 1, "pipfix-intake", INTAKE_CONNECTION_WAIT);
        config.setValidationTimeout(INTAKE_CONNECTION_WAIT.toMillis() / 2);
        config.setInitializationFailTimeout(-1);
        if (dialect == Dialect.POSTGRESQL) {
            config.addDataSourceProperty("connectTimeout", "2");
            config.addDataSourceProperty("socketTimeout", "10");
        }
        return new HikariDataSource(config);
    }

    /** How long the webhook waits for a connection before it answers 503. */
    public static final Duration INTAKE_CONNECTION_WAIT = Duration.ofMillis(500);

    private HikariConfig config(int poolSize, String name, Duration connectionWait) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(name);
        config.setConnectionTimeout(connectionWait.toMillis());
        return config;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
