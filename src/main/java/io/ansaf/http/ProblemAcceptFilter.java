package io.ansaf.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;

/**
 * Lets a client that accepts only problem details ({@code Accept: application/problem+json}) reach
 * the API. Client generators send the media types that an operation's responses declare, and a
 * {@code DELETE} or logout declares only problem+json (its {@code 204} has no body): that {@code
 * Accept} matched no resource and was answered {@code 406}. problem+json is JSON, so such a client
 * reads the API's {@code application/json} as well; RFC 9110 lets a server disregard {@code
 * Accept}, and this only widens it before resource matching.
 */
@Provider
@PreMatching
public class ProblemAcceptFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) return;
        String joined = String.join(", ", accept);
        String lower = joined.toLowerCase(Locale.ROOT);
        if (lower.contains("application/problem+json")
                && !lower.contains("application/json")
                && !lower.contains("*/*")
                && !lower.contains("application/*")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, joined + ", application/json;q=0.5");
        }
    }
}
