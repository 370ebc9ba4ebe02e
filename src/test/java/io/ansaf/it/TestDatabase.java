package io.ansaf.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The database a test server uses: a fresh H2 directory, or a throwaway PostgreSQL database on the
 * local server ({@code -PPostgres} / {@code -Dansaf.it.db=postgres}), dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String PG_HOST = System.getProperty("ansaf.it.pgHost", "127.0.0.1:5432");
    private final boolean postgres;
    private final String name;

    private TestDatabase(boolean postgres) {
        this.postgres = postgres;
        this.name = "ansaf_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (postgres) {
            admin("CREATE DATABASE " + name);
        }
    }

    /** The kind the build asked for. */
    public static TestDatabase create() {
        return new TestDatabase(isPostgres());
    }

    public static TestDatabase postgres() {
        return new TestDatabase(true);
    }

    public static TestDatabase h2() {
        return new TestDatabase(false);
    }

    public static boolean isPostgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("ansaf.it.db", "h2"));
    }

    public boolean postgresKind() {
        return postgres;
    }

    public String jdbcUrl() {
        return postgres
                ? "jdbc:postgresql://" + PG_HOST + "/" + name
                : "jdbc:h2:file:" + h2Dir().resolve("ansaf");
    }

    private Path h2Dir() {
        return ServerProcess.workDir().resolve("data-" + name);
    }

    /** Environment for a server using this database. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        if (postgres) {
            env.put("ANSAF_DB_URL", jdbcUrl());
            env.put("ANSAF_DB_USER", "postgres");
        } else {
            env.put("ANSAF_DATA_DIR", h2Dir().toString());
        }
        return env;
    }

    /**
     * A direct connection; to H2 only while no server holds the file (it opens in one process
     * only).
     */
    public Connection connect() throws SQLException {
        return postgres
                ? DriverManager.getConnection(jdbcUrl(), "postgres", "")
                : DriverManager.getConnection(jdbcUrl(), "sa", "");
    }

    /** Makes the database refuse new connections and ends the open ones (an outage). */
    public void cutOff() {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + name
                        + "'");
    }

    public void restore() {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    @Override
    public void close() {
        if (postgres) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) {
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:postgresql://" + PG_HOST + "/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new HashMap<>(a);
        m.putAll(b);
        return m;
    }
}
