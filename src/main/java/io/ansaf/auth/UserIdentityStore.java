package io.ansaf.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * Jakarta Security's view of the users table: checks a username and password and names the caller's
 * groups ({@code user}, plus {@code staff}), which map one-to-one to roles.
 */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {
    /** Verified when the username is unknown, so that a miss costs as much time as a hit. */
    private static final String DECOY = PasswordHasher.hash("decoy-password-never-matches");

    @Inject UserService users;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        User user = users.findByUsername(credential.getCaller());
        String password = credential.getPasswordAsString();
        if (user == null) {
            PasswordHasher.verify(password, DECOY);
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (!PasswordHasher.verify(password, user.passwordHash()) || !user.active()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(
                user.username(), SessionAuthenticationMechanism.groups(user));
    }
}
