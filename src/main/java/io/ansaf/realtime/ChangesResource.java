package io.ansaf.realtime;

import io.ansaf.content.Caller;
import io.ansaf.content.Catchup;
import io.ansaf.content.ChangeFeed;
import io.ansaf.content.ContentChanged;
import io.ansaf.content.EventId;
import io.ansaf.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/changes/}: the change feed for clients that poll instead of holding a socket.
 * The same frames a socket of that channel receives, judged for the caller the same way, from the
 * same kept history.
 */
@Path("changes")
@Tag(name = "changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangesResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    /** How long a read of the history in Redis may take before the request gives up. */
    private static final long READ_TIMEOUT_SECONDS = 5;

    @Inject ChangeFeed feed;

    @Inject Caller caller;

    /** A frame of the change feed, as sockets receive it (for the OpenAPI document). */
    public record ChangeEvent(
            @Schema(enumeration = {"blog_change", "page_change"}) String type,
            @Schema(enumeration = {"post", "category", "comment", "page"}) String model,
            @Schema(enumeration = {"created", "updated", "deleted"}) String action,
            String id,
            @jakarta.annotation.Nullable Map<String, Object> data,
            Instant timestamp,
            String eventId) {}

    /** A batch of the change feed (for the OpenAPI document). */
    public record Changes(
            List<ChangeEvent> events, @jakarta.annotation.Nullable String lastEventId) {}

    @GET
    @Operation(
            summary = "Changes since an event id, for clients that poll",
            description =
                    "The frames the channel's sockets receive, oldest first, that the caller may read. "
                            + "Follow last_event_id as the next since. Without since: the newest limit events. "
                            + "410 when since is no longer kept (refetch, then continue from last_event_id of "
                            + "a call without since).")
    @Parameter(
            name = "channel",
            in = ParameterIn.QUERY,
            required = true,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"blogs", "pages"}))
    @Parameter(name = "since", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            description = "At most this many events (default 100, at most 500)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "100"))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "Changes")))
    @APIResponse(
            responseCode = "400",
            description =
                    "Unknown channel, malformed since, or a limit that is not a positive integer",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "ValidationProblem")))
    @APIResponse(
            responseCode = "503",
            description = "The kept history (in Redis) cannot be read right now",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "Problem")))
    @APIResponse(
            responseCode = "410",
            description = "since is no longer kept",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "Problem")))
    public String list(
            @QueryParam("channel") String channel,
            @QueryParam("since") String since,
            @QueryParam("limit") String limit) {
        if (channel == null || !Dashboards.CHANNELS.contains(channel))
            throw ProblemException.invalid("channel", "Must be one of: blogs, pages.");
        int max = limit(limit);
        EventId from = null;
        if (since != null) {
            from =
                    EventId.parse(since)
                            .orElseThrow(
                                    () ->
                                            ProblemException.invalid(
                                                    "since", "Not an event id of this server."));
        }
        StringBuilder events = new StringBuilder();
        int found = 0;
        EventId last = from;
        if (from == null) {
            Catchup.Events newest = await(feed.newest(channel, max));
            for (ContentChanged e : newest.events()) found += append(events, e, found);
            last = newest.last();
        } else {
            // Pages of the history until the limit is filled with what the caller may read.
            while (true) {
                Catchup answer = await(feed.after(channel, last, max));
                if (answer instanceof Catchup.Gone) {
                    throw new ProblemException(
                            410,
                            "Gone",
                            "The changes after "
                                    + since
                                    + " are no longer kept: refetch what you show.");
                }
                Catchup.Events page = (Catchup.Events) answer;
                for (ContentChanged e : page.events()) {
                    if (found == max) break;
                    found += append(events, e, found);
                    last = e.eventId();
                }
                if (found == max || !page.more()) break;
            }
        }
        return "{\"events\":["
                + events
                + "],\"last_event_id\":"
                + (last == null ? "null" : '"' + last.toString() + '"')
                + "}";
    }

    /** Appends the frame the caller may see of {@code e}, if any; 1 if it did. */
    private int append(StringBuilder events, ContentChanged e, int before) {
        String frame = SocketMessages.as(Viewer.sees(e, caller.id(), caller.staff()), e);
        if (frame == null) return 0;
        if (before > 0) events.append(',');
        events.append(frame);
        return 1;
    }

    private static int limit(String text) {
        if (text == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1) throw new NumberFormatException();
            // Larger limits are clamped, as Django REST framework's max_limit does.
            return Math.min(n, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("limit", "A positive integer is required.");
        }
    }

    private static <T> T await(CompletionStage<T> read) {
        try {
            return read.toCompletableFuture().get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(
                503,
                "Service Unavailable",
                "The change history cannot be read right now; try again shortly.",
                jakarta.json.JsonObject.EMPTY_JSON_OBJECT,
                Map.of("Retry-After", "5"));
    }
}
