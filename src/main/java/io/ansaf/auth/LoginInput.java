package io.ansaf.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /auth/login/}. */
public record LoginInput(
        @NotBlank(message = "This field is required.") @Size(max = 150) String username,
        @NotBlank(message = "This field is required.") @Size(max = 4096) String password) {
    /** Both keys, for the OpenAPI document (the constraints above reject a missing one). */
    static final java.util.Set<String> REQUIRED = java.util.Set.of("username", "password");
}
