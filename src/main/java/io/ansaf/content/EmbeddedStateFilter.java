package io.ansaf.content;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads the counters of what items embed before the resource loads anything, for the validators of
 * the response ({@link ValidatorsFilter}). Read after the body instead, a rename committed in
 * between would put the new counters on the old body: a client holding that ETag would be told
 * {@code 304} for good. Read before, the worst case is an ETag older than its body, which costs
 * that client one {@code 200} more.
 */
@Provider
@Priority(Priorities.USER)
public class EmbeddedStateFilter implements ContainerRequestFilter {
    @Inject RequestSnapshot snapshot;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getMethod().equals("DELETE")) snapshot.get();
    }
}
