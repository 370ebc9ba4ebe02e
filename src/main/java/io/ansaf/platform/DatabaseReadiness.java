package io.ansaf.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready} is DOWN while the database does not answer a validity check. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    @Resource(lookup = "java:app/jdbc/ansaf")
    DataSource dataSource;

    @PersistenceUnit EntityManagerFactory emf;

    @Override
    public HealthCheckResponse call() {
        String product;
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(2)) {
                return HealthCheckResponse.named("database").down().build();
            }
            product = c.getMetaData().getDatabaseProductName();
        } catch (Exception e) {
            return HealthCheckResponse.named("database")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
        return HealthCheckResponse.named("database")
                .up()
                .withData("product", product)
                .withData(
                        "persistence_provider",
                        emf.unwrap(EntityManagerFactory.class).getClass().getName())
                .build();
    }
}
