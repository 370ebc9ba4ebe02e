package io.ansaf.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code OPTIONS} of an API route (not a CORS preflight, which {@link Cors} answers before JAX-RS)
 * answers {@code 204} with {@code Allow} and no body. Jersey's own answer lists the methods in a
 * body whose type follows {@code Accept}: a client asking for {@code text/html} got an HTML page
 * under {@code /api/}.
 */
@Provider
public class OptionsAnswers implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"OPTIONS".equals(request.getMethod()) || response.getStatus() != 200) return;
        response.setEntity(null);
        response.setStatus(204);
        response.getHeaders().remove("Content-Type");
    }
}
