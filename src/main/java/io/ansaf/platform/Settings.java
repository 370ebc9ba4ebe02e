package io.ansaf.platform;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads settings outside CDI (the datasource is built by the connection pool, before any bean).
 * Keys and defaults live in {@code META-INF/microprofile-config.properties}.
 */
public final class Settings {
    private Settings() {}

    static Config config() {
        return ConfigProvider.getConfig(Settings.class.getClassLoader());
    }

    public static Optional<String> optional(String key) {
        return config().getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The JDBC URL in use: {@code ANSAF_DB_URL}, else an H2 file under {@code ANSAF_DATA_DIR}. */
    public static String databaseUrl() {
        return optional("ansaf.db.url").orElseGet(() -> h2Url(optional("ansaf.data.dir").orElse("./data")));
    }

    /**
     * The embedded database file under a data directory. DB_CLOSE_ON_EXIT=FALSE leaves closing
     * to the server, so that the last view counts are flushed at shutdown before H2 closes.
     */
    public static String h2Url(String dataDir) {
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        return "jdbc:h2:file:" + dir.resolve("ansaf") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    /** Environment variable name for a key, as MicroProfile Config maps it; used in error messages. */
    public static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
