package io.ansaf.content;

import io.ansaf.platform.VersionedEntity;
import java.util.Map;

/**
 * What the write pipeline ({@link Writes}) must be told about one model; the rest it does the same
 * way for every model. Each model family's service extends it (a CDI bean in its own package):
 * which model and entity it is, who may see and change an item, who may read it at a given moment
 * (for the sockets) and what its REST view is.
 *
 * @param <E> the entity
 */
public abstract class ContentKind<E extends VersionedEntity> {
    private final ContentModel model;
    private final Class<E> entity;

    protected ContentKind(ContentModel model, Class<E> entity) {
        this.model = model;
        this.entity = entity;
    }

    public ContentModel model() {
        return model;
    }

    /** The entity class, which {@link Writes} loads items of by id. */
    public Class<E> entity() {
        return entity;
    }

    /** May {@code caller} see {@code item}? Otherwise it is {@code 404} to them. */
    public abstract boolean canRead(Caller caller, E item);

    /** {@code 401}/{@code 403} unless {@code caller} may change {@code item}. */
    public abstract void requireMayChange(Caller caller, E item);

    /** Who may read {@code item} as it is now. */
    public abstract Audience audience(E item);

    /** The REST view of {@code item}, as a read would return it. */
    public abstract Object view(E item);

    /** The id an event names the item by (pages are addressed by slug). */
    public Object eventId(E item) {
        return item.id();
    }

    /**
     * The content a revision keeps of {@code item}, by the field names of the API (values are
     * strings, numbers or null), in a fixed order; {@code null} when the model keeps no revisions.
     * A model that returns content here gets revisions, their endpoints' reads ({@link
     * RevisionReads}) and mergeable conflicts from {@link Writes}.
     */
    public Map<String, Object> revisionContent(E item) {
        return null;
    }

    /** The user who owns {@code item} (its author), or null when it has none. */
    public Long ownerId(E item) {
        return null;
    }

    /** Whether {@code item} is soft-deleted (a second delete is {@code 404}). */
    public boolean deleted(E item) {
        return false;
    }
}
