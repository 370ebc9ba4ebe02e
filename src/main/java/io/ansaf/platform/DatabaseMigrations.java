package io.ansaf.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before the application serves anything. Each database
 * has its own folder ({@code db/migration/h2}, {@code db/migration/postgresql}) with the same
 * versions: the types differ (CLOB / TEXT) and only PostgreSQL has the trigram search index.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigrations {
    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = "java:app/jdbc/ansaf")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        String vendor = vendor();
        MigrateResult result =
                Flyway.configure(DatabaseMigrations.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/migration/" + vendor)
                        .load()
                        .migrate();
        LOG.info(
                () ->
                        "Database schema ("
                                + vendor
                                + ") at version "
                                + result.targetSchemaVersion
                                + ", "
                                + result.migrationsExecuted
                                + " migration(s) applied");
        StartupFailure.markStarted();
    }

    private String vendor() {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase();
            return product.contains("postgres") ? "postgresql" : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read database metadata", e);
        }
    }
}
