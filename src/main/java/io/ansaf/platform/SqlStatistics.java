package io.ansaf.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;
import org.hibernate.SessionFactory;

/**
 * Exposes how many SQL statements the application has prepared ({@code /metrics}), from Hibernate's
 * statistics: operators see database load, and tests prove that list endpoints cost a constant
 * number of statements whatever the page size.
 */
@ApplicationScoped
public class SqlStatistics {
    @PersistenceUnit EntityManagerFactory emf;

    /** Gauges register when their bean is created; create this one at start-up. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        statements();
    }

    @Gauge(
            name = "ansaf_sql_statements",
            unit = MetricUnits.NONE,
            absolute = true,
            description = "SQL statements prepared since start-up")
    public long statements() {
        return emf.unwrap(SessionFactory.class).getStatistics().getPrepareStatementCount();
    }
}
