package io.ansaf.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A layer above {@code http} that can answer an API request before JAX-RS runs (the kernel's cached
 * validators answer anonymous conditional GETs with {@code 304} this way). {@link HttpBasicsFilter}
 * asks every such bean, after its own rules (CORS, paths, body limit) and in no particular order;
 * the interface keeps this package free of imports from above it.
 */
public interface EarlyAnswer {
    /** True when the response has been written and the request must go no further. */
    boolean answer(HttpServletRequest request, HttpServletResponse response);
}
