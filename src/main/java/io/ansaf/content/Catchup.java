package io.ansaf.content;

import java.util.List;

/** What the history of a channel tells someone who was away since an event id. */
public sealed interface Catchup {

    /**
     * Every change after that id, in order, up to the limit asked for: {@code last} is the id of
     * the last one (the id asked for when there was none), and {@code more} says whether the limit
     * cut the list short.
     */
    record Events(List<ContentChanged> events, EventId last, boolean more) implements Catchup {}

    /**
     * The changes after that id are not all kept any more, or the id was never handed out here (an
     * older epoch, a number not reached yet): the client must refetch what it shows. {@code newest}
     * is the newest id kept, null when none is.
     */
    record Gone(EventId newest) implements Catchup {}
}
