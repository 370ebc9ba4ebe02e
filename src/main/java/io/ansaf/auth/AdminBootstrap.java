package io.ansaf.auth;

import io.ansaf.platform.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first staff user from {@code ANSAF_ADMIN_USERNAME} / {@code ANSAF_ADMIN_PASSWORD}
 * at start-up when no user of that name exists. An existing user is never changed: rotating the
 * password is done through the API or {@code server-config/reset-password}.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    @ConfigProperty(name = "ansaf.admin.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "ansaf.admin.password")
    Optional<String> password;

    @Inject
    UserService users;

    @PostConstruct
    void createFirstStaffUser() {
        if (username.isEmpty() || username.get().isBlank()) return;
        if (password.isEmpty() || password.get().length() < 10) {
            StartupFailure.exit("ansaf.admin.password", "must be set, with at least 10 characters, when ANSAF_ADMIN_USERNAME is");
        }
        if (users.createIfMissing(username.get().trim(), password.get(), true)) {
            LOG.info(() -> "Created staff user '" + username.get().trim() + "'");
        }
    }
}
