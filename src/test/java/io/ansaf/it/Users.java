package io.ansaf.it;

import jakarta.json.Json;
import java.util.UUID;

/** Logged-in clients for the permission matrix: staff (the configured admin), and fresh users. */
public final class Users {
    private Users() {}

    public static Api staff(Api api) {
        return api.fresh().login(TestAdmin.USERNAME, TestAdmin.PASSWORD);
    }

    public static Api newUser(Api api) {
        return create(api, false);
    }

    public static Api newStaff(Api api) {
        return create(api, true);
    }

    private static Api create(Api api, boolean staff) {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Api.Res r =
                staff(api)
                        .post(
                                "/api/v1/auth/users/",
                                Json.createObjectBuilder()
                                        .add("username", name)
                                        .add("password", "password-" + name)
                                        .add("is_staff", staff)
                                        .build());
        if (r.status() != 201) throw new AssertionError("cannot create user: " + r);
        return api.fresh().login(name, "password-" + name);
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
