package io.ansaf.content;

import io.ansaf.http.EntityTags;
import io.ansaf.http.ListParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/**
 * The list ETag and its {@code 304}, once for every list: the tag is a digest of the revision
 * counters the model's lists read for this caller ({@link ContentModel#listReads}), who is asking,
 * and the query string, so a matching {@code If-None-Match} is answered with no list query at all,
 * and any change that could alter the list moves it.
 */
@RequestScoped
public class Lists {
    @Inject RequestSnapshot snapshot;

    @Inject HttpServletRequest request;

    /**
     * {@code 304} when the client holds the list's current tag; else the page {@code build} makes
     * from the counters' state (which keys the list's count cache), with the tag.
     */
    public Response respond(
            ContentModel model, Caller caller, ListParams params, Function<String, Object> build) {
        String state = snapshot.get().of(model.listReads(caller)).digest();
        String etag =
                Conditional.listTag(
                        model.key(),
                        state,
                        model.listAudience(caller),
                        params.requestUri().getRawQuery());
        if (!caller.authenticated()) Conditional.markPublic(request);
        if (EntityTags.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), null, etag, null)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(build.apply(state)).header(HttpHeaders.ETAG, etag).build();
    }
}
