package io.ansaf.platform;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads settings outside CDI (the datasource is built by the connection pool, before any bean).
 * Keys and defaults live in {@code META-INF/microprofile-config.properties}.
 */
public final class Settings {
    private static final Pattern WRITE_DELAY =
            Pattern.compile(";\\s*WRITE_DELAY\\s*=", Pattern.CASE_INSENSITIVE);

    private Settings() {}

    static Config config() {
        return ConfigProvider.getConfig(Settings.class.getClassLoader());
    }

    public static Optional<String> optional(String key) {
        return config().getOptionalValue(key, String.class)
                .map(String::trim)
                .filter(s -> !s.isEmpty());
    }

    /**
     * The JDBC URL in use: {@code ANSAF_DB_URL}, else an H2 file under {@code ANSAF_DATA_DIR}; an
     * H2 one with durable commits (see {@link #durableCommits}).
     */
    public static String databaseUrl() {
        return durableCommits(
                optional("ansaf.db.url")
                        .orElseGet(() -> h2Url(optional("ansaf.data.dir").orElse("./data"))));
    }

    /**
     * Makes an H2 URL write every commit to its file before the commit returns, by adding {@code
     * WRITE_DELAY=0} when the URL does not name a write delay itself. H2's default delay (500 ms)
     * acknowledges a commit that its background thread writes to the file up to half a second
     * later, so a killed process loses the last writes it has answered. With 0, H2's MVStore writes
     * the commit's chunk to the file during the commit (in the operating system's cache: that
     * survives the process, not a power loss, as H2 forces the file to the disk only when it closes
     * or on {@code CHECKPOINT SYNC}). H2 re-applies URL settings on every new connection, and this
     * one needs an admin user. In-memory H2 and other databases are left as they are.
     */
    static String durableCommits(String url) {
        if (!url.startsWith("jdbc:h2:")) return url;
        String path = url.split(";", 2)[0];
        if (path.contains("mem:") || WRITE_DELAY.matcher(url).find()) return url;
        return url.replaceAll(";+$", "") + ";WRITE_DELAY=0";
    }

    /**
     * The embedded database file under a data directory. DB_CLOSE_ON_EXIT=FALSE leaves closing to
     * the server, so that the last view counts are flushed at shutdown before H2 closes.
     */
    public static String h2Url(String dataDir) {
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        return "jdbc:h2:file:"
                + dir.resolve("ansaf")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    /**
     * Environment variable name for a key, as MicroProfile Config maps it; used in error messages.
     */
    public static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
