package io.ansaf.auth;

import io.ansaf.content.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Makes the request's {@link Caller} injectable ({@code @Inject Caller caller}). */
@RequestScoped
public class CurrentCaller {
    @Inject HttpServletRequest request;

    /**
     * Dependent: records cannot be proxied, so inject it only into per-request beans (resources).
     */
    @Produces
    Caller caller() {
        Object c = request.getAttribute(SessionAuthenticationMechanism.CALLER_ATTRIBUTE);
        return c instanceof Caller caller ? caller : Caller.ANONYMOUS;
    }
}
