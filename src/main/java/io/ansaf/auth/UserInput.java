package io.ansaf.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * What staff send to create or change a user. {@code password} is write-only and optional on PATCH
 * (null keeps the current one); on create it is required (checked by the service).
 */
public record UserInput(
        @NotBlank(message = "This field is required.")
                @Size(max = 150, message = "Ensure this field has no more than 150 characters.")
                @Pattern(
                        regexp = "[\\w.@+-]*",
                        message =
                                "Enter a valid username. It may contain only letters, numbers, and @/./+/-/_ characters.")
                String username,
        @Email(message = "Enter a valid email address.")
                @Size(max = 254, message = "Ensure this field has no more than 254 characters.")
                String email,
        @Size(min = 10, max = 4096, message = "Ensure this field has at least 10 characters.")
                String password,
        @NotNull(message = "This field may not be null.") Boolean isStaff,
        @NotNull(message = "This field may not be null.") Boolean isActive) {

    /** The keys a create must carry (RecordSchemas documents them; UserService checks them). */
    static final Set<String> REQUIRED = Set.of("username", "password");

    /**
     * The keys of a user's view a client may send back: accepted and ignored (RecordSchemas
     * documents them).
     */
    static final Set<String> READ_ONLY = Set.of("id");

    static UserInput of(User u) {
        return new UserInput(u.username(), u.email(), null, u.staff(), u.active());
    }
}
