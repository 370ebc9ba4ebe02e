package io.ansaf.content;

import io.ansaf.http.ProblemException;

/**
 * The contract's answers to "may this caller do that?": {@code 401} for anonymous callers, {@code
 * 403} for a logged-in caller who may not, {@code 404} for content they may not even see (the
 * resources decide visibility; this class the rest).
 */
public final class Permissions {
    private Permissions() {}

    public static void requireAuthenticated(Caller caller) {
        if (!caller.authenticated()) throw ProblemException.notAuthenticated();
    }

    public static void requireStaff(Caller caller) {
        requireAuthenticated(caller);
        if (!caller.staff()) throw ProblemException.forbidden("Only staff may do this.");
    }

    public static void requireOwnerOrStaff(Caller caller, Long authorId) {
        requireAuthenticated(caller);
        if (!caller.owns(authorId))
            throw ProblemException.forbidden("Only the author or staff may change this.");
    }
}
