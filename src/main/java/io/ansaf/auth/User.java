package io.ansaf.auth;

import io.ansaf.platform.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Locale;

/**
 * Someone who can log in. Usernames are unique without regard to case ({@code username_key}); the
 * password is kept only as a slow salted hash ({@link PasswordHasher}).
 */
@Entity
@Table(name = "users")
public class User extends VersionedEntity {
    @Column(nullable = false, length = 150)
    private String username;

    @Column(name = "username_key", nullable = false, length = 150)
    private String usernameKey;

    @Column(nullable = false, length = 254)
    private String email = "";

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "is_staff", nullable = false)
    private boolean staff;

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    protected User() {}

    public User(String username, String email, String passwordHash, boolean staff) {
        rename(username);
        this.email = email == null ? "" : email;
        this.passwordHash = passwordHash;
        this.staff = staff;
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    void rename(String username) {
        this.username = username;
        this.usernameKey = key(username);
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    void email(String email) {
        this.email = email;
    }

    String passwordHash() {
        return passwordHash;
    }

    void passwordHash(String hash) {
        this.passwordHash = hash;
    }

    public boolean staff() {
        return staff;
    }

    void staff(boolean staff) {
        this.staff = staff;
    }

    public boolean active() {
        return active;
    }

    void active(boolean active) {
        this.active = active;
    }
}
