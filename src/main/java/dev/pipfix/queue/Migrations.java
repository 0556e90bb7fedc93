package dev.pipfix.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates and upgrades the schema at start-up: the SQL files listed in {@code migrations/versions.txt}, each applied
 * once and recorded in {@code pipfix_schema}, in its own transaction. On PostgreSQL an advisory lock keeps two
 * instances starting together from applying the same version twice.
 */
public final class Migrations {

    private static final long LOCK_KEY = 0x70697066L;

    private Migrations() {}

    public static List<Integer> apply(DataSource dataSource, Database.Dialect dialect) throws SQLException {
        List<Integer> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (dialect == Database.Dialect.POSTGRESQL) {
                    statement.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
                }
                statement.execute("create table if not exists pipfix_schema (version int not null primary key,"
                        + " description varchar(200) not null, applied_at timestamp with time zone not null)");
            }
            List<Integer> done = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select version from pipfix_schema")) {
                while (rows.next()) {
                    done.add(rows.getInt(1));
                }
            }
            for (String[] version : versions()) {
                int number = Integer.parseInt(version[0]);
                if (done.contains(number)) {
                    continue;
                }
                String sql = resource(dialect.name().toLowerCase(Locale.ROOT) + "/" + number + ".sql");
                try (Statement statement = connection.createStatement()) {
                    // comments go first: a semicolon in one would otherwise split a statement
                    for (String part : withoutComments(sql).split(";")) {
                        String command = part.strip();
                        if (!command.isBlank()) {
                            statement.execute(command);
                        }
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into pipfix_schema (version, description, applied_at) values (?, ?, current_timestamp)")) {
                    insert.setInt(1, number);
                    insert.setString(2, version[1]);
                    insert.executeUpdate();
                }
                applied.add(number);
            }
            connection.commit();
        }
        return applied;
    }

    private static List<String[]> versions() {
        List<String[]> versions = new ArrayList<>();
        for (String line : resource("versions.txt").split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                versions.add(trimmed.split("\\s+", 2));
            }
        }
        return versions;
    }

    private static String withoutComments(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
