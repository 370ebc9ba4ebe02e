package io.ansaf.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * RFC 7240 preferences: {@link #prefers} reads one out of a {@code Prefer} header, and this filter
 * answers {@code Preference-Applied} for the one a request's handling applied (set as the request
 * attribute {@link #ATTRIBUTE}), so a client knows its write was merged rather than taken as sent.
 */
@Provider
public class PreferenceApplied implements ContainerResponseFilter {
    public static final String ATTRIBUTE = "ansaf.preference-applied";

    @Context HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        Object applied = request.getAttribute(ATTRIBUTE);
        if (applied != null && res.getStatus() < 300)
            res.getHeaders().putSingle("Preference-Applied", applied.toString());
    }

    /**
     * Whether a {@code Prefer} value holds {@code preference} ({@code name=value}): preferences are
     * comma-separated, each may carry {@code ;} parameters, names are case-insensitive and values
     * may be quoted.
     */
    public static boolean prefers(String header, String preference) {
        if (header == null) return false;
        String wanted = preference.toLowerCase(Locale.ROOT);
        for (String part : header.split(",")) {
            String p = part.split(";", 2)[0].strip();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
                value = value.substring(1, value.length() - 1);
            if ((name + "=" + value.toLowerCase(Locale.ROOT)).equals(wanted)) return true;
        }
        return false;
    }
}
