package io.ansaf.auth;

import io.ansaf.platform.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first staff user from {@code ANSAF_ADMIN_USERNAME} / {@code ANSAF_ADMIN_PASSWORD} at
 * start-up when no user of that name exists. An existing user is never changed: rotating the
 * password is done through the API or {@code server-config/reset-password}. Several instances
 * starting at once on a new database all run this: one creates the user, the others find it.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@TransactionAttribute(
        TransactionAttributeType.NOT_SUPPORTED) // createIfMissing is its own transaction
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    @ConfigProperty(name = "ansaf.admin.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "ansaf.admin.password")
    Optional<String> password;

    @Inject UserService users;

    @PostConstruct
    void createFirstStaffUser() {
        if (username.isEmpty() || username.get().isBlank()) return;
        if (password.isEmpty() || password.get().length() < 10) {
            StartupFailure.exit(
                    "ansaf.admin.password",
                    "must be set, with at least 10 characters, when ANSAF_ADMIN_USERNAME is");
        }
        String name = username.get().trim();
        try {
            if (users.createIfMissing(name, password.get(), true))
                LOG.info(() -> "Created staff user '" + name + "'");
        } catch (RuntimeException e) {
            // Another instance created the user at the same moment: its insert won the unique key.
            if (users.findByUsername(name) == null) throw e;
            LOG.info(
                    () ->
                            "Staff user '"
                                    + name
                                    + "' was created by another instance starting at the same time");
        }
    }
}
