package io.ansaf.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The datasource behind {@code java:app/jdbc/ansaf}: H2 or PostgreSQL, chosen by the JDBC URL in
 * {@code ANSAF_DB_URL} when the pool first asks for a connection. Payara's pool instantiates this
 * class by name (see {@link io.ansaf.AnsafApplication}) and adds pooling and JTA on top.
 *
 * <p>During start-up a malformed or unreachable database ends the process with one log line naming
 * the setting; afterwards a lost database shows as {@code DOWN} in {@code /health/ready}.
 */
public class AnsafDataSource implements DataSource {
    private volatile DataSource delegate;
    private PrintWriter logWriter;
    private int loginTimeout;

    private DataSource delegate() {
        DataSource d = delegate;
        if (d == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = create();
                }
                d = delegate;
            }
        }
        return d;
    }

    /**
     * A plain, unpooled datasource for the same database, outside JTA: for work that must happen
     * while the server is shutting down and its pool may already be gone.
     */
    public static DataSource direct() {
        return create();
    }

    static DataSource create() {
        String url = Settings.databaseUrl();
        String user = Settings.optional("ansaf.db.user").orElse("");
        String password = Settings.optional("ansaf.db.password").orElse("");
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user.isEmpty() ? "sa" : user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            try {
                pg.setURL(url);
            } catch (IllegalArgumentException e) {
                StartupFailure.exit("ansaf.db.url", "malformed PostgreSQL URL: " + e.getMessage());
            }
            if (!user.isEmpty()) pg.setUser(user);
            if (!password.isEmpty()) pg.setPassword(password);
            if (pg.getConnectTimeout() == 0) pg.setConnectTimeout(5);
            pg.setReWriteBatchedInserts(true);
            return pg;
        }
        StartupFailure.exit(
                "ansaf.db.url",
                "unsupported JDBC URL '"
                        + url
                        + "' (expected jdbc:postgresql://host:port/db or jdbc:h2:...)");
        return null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(null, null);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(username, password);
    }

    private Connection connect(String username, String password) throws SQLException {
        DataSource d = delegate();
        try {
            return username == null ? d.getConnection() : d.getConnection(username, password);
        } catch (SQLException e) {
            if (!StartupFailure.isStarted()) {
                StartupFailure.exit(
                        "ansaf.db.url",
                        "cannot connect to "
                                + redact(Settings.databaseUrl())
                                + ": "
                                + e.getMessage());
            }
            throw e;
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        return delegate().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate().isWrapperFor(iface);
    }
}
