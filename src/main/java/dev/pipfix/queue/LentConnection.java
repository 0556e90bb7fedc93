package dev.pipfix.queue;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out the one connection whose transaction is open, so that db-scheduler's client stores a
 * task inside a transaction of ours: with auto-commit off, db-scheduler neither commits nor rolls back a connection
 * it did not open, and closing what this hands out leaves the connection open. One thread at a time.
 */
final class LentConnection implements DataSource {

    private Connection lent;

    /** Runs {@code work} with {@code connection} lent to whoever asks this data source for one. */
    <T> T lend(Connection connection, SqlWork<T> work) throws SQLException {
        lent = connection;
        try {
            return work.run();
        } finally {
            lent = null;
        }
    }

    interface SqlWork<T> {
        T run() throws SQLException;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = lent;
        if (connection == null) {
            throw new SQLException("no transaction is open to lend a connection from");
        }
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
