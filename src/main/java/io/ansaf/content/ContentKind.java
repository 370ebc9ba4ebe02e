package io.ansaf.content;

import io.ansaf.platform.VersionedEntity;

/**
 * What the write pipeline ({@link Writes}) must be told about one model; the rest it does the same
 * way for every model. Each model family declares one (a CDI bean in its own package): which model
 * it is, how to find an item, who may see and change it, who may read it at a given moment (for the
 * sockets) and what its REST view is.
 *
 * @param <E> the entity
 */
public interface ContentKind<E extends VersionedEntity> {
    ContentModel model();

    /** The item with this id, or null. */
    E find(long id);

    /** May {@code caller} see {@code item}? Otherwise it is {@code 404} to them. */
    boolean canRead(Caller caller, E item);

    /** {@code 401}/{@code 403} unless {@code caller} may change {@code item}. */
    void requireMayChange(Caller caller, E item);

    /** Who may read {@code item} as it is now. */
    Audience audience(E item);

    /** The REST view of {@code item}, as a read would return it. */
    Object view(E item);

    /** The id an event names the item by (pages are addressed by slug). */
    default Object eventId(E item) {
        return item.id();
    }

    /** Whether {@code item} is soft-deleted (a second delete is {@code 404}). */
    default boolean deleted(E item) {
        return false;
    }
}
