package io.ansaf.auth;

import io.ansaf.platform.Settings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Sets a user's password from the command line ({@code server-config/reset-password USERNAME}), for
 * the day the last staff password is lost. Reads the new password from the terminal (or one line of
 * standard input), connects with the same environment variables as the server. On PostgreSQL it can
 * run while the server is up; the embedded H2 file can be opened by one process only, so stop the
 * server. Also re-activates the user.
 */
public final class ResetPasswordCommand {
    private ResetPasswordCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println(
                    "usage: reset-password USERNAME   (new password on the terminal or stdin)");
            System.exit(2);
        }
        String password = readPassword();
        if (password == null || password.length() < 10) {
            System.err.println("The password must have at least 10 characters.");
            System.exit(2);
        }
        String url = env("ANSAF_DB_URL");
        if (url == null)
            url = Settings.h2Url(env("ANSAF_DATA_DIR") == null ? "./data" : env("ANSAF_DATA_DIR"));
        String user = env("ANSAF_DB_USER");
        String dbPassword = env("ANSAF_DB_PASSWORD");
        if (user == null && url.startsWith("jdbc:h2:")) user = "sa";
        try (Connection c =
                        DriverManager.getConnection(
                                url, user, dbPassword == null ? "" : dbPassword);
                PreparedStatement s =
                        c.prepareStatement(
                                "UPDATE users SET password_hash = ?, is_active = TRUE, updated_at = ?, version = version + 1 WHERE username_key = ?")) {
            s.setString(1, PasswordHasher.hash(password));
            s.setObject(3, User.key(args[0]));
            s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            if (s.executeUpdate() != 1) {
                System.err.println("No user named '" + args[0] + "'.");
                System.exit(1);
            }
        }
        System.out.println("Password of '" + args[0] + "' changed.");
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static String readPassword() throws Exception {
        Console console = System.console();
        if (console != null) {
            char[] p = console.readPassword("New password: ");
            return p == null ? null : new String(p);
        }
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine();
    }
}
