package io.ansaf.content;

import java.util.List;
import java.util.Set;

/**
 * The model registry: every kind of content, and in one place for each, its revision counters, the
 * socket channel its changes go out on, what its single-item representation shows besides its own
 * row, and the counters its lists read. Validators, list ETags, change events and the write
 * pipeline take a model from here, never a name spelled out again; a model added later (tags,
 * media) is one more constant.
 *
 * <p>Every model has one counter that every write of it moves ({@link #all()}); the models whose
 * visibility depends on who asks have a second one that moves only when what anonymous readers see
 * changes ({@link #visibleToAnonymous()}), so a draft saved a hundred times leaves public list
 * ETags alone.
 */
public enum ContentModel {
    POST("post", "blogs"),
    CATEGORY("category", "blogs"),
    COMMENT("comment", "blogs"),
    PAGE("page", "pages"),
    /** Users have no socket channel: their changes only move the validators of what shows them. */
    USER("user", "users");

    private final String key;
    private final String channel;

    ContentModel(String key, String channel) {
        this.key = key;
        this.channel = channel;
    }

    /** The model's name: in ETags ({@code "post-1-v3"}), events and counters. */
    public String key() {
        return key;
    }

    /** The WebSocket channel its changes are delivered on ({@code /ws/v1/blogs/}: blogs). */
    public String channel() {
        return channel;
    }

    /**
     * Every channel changes are numbered on: the socket channels, and {@code users}, whose changes
     * travel between instances for the validators alone.
     */
    public static Set<String> channels() {
        Set<String> all = new java.util.LinkedHashSet<>();
        for (ContentModel m : values()) all.add(m.channel);
        return all;
    }

    /** The counter every write of this model moves. */
    public Counter all() {
        return new Counter(this, false);
    }

    /** The counter that moves when what anonymous readers can see of this model changes. */
    public Counter visibleToAnonymous() {
        return new Counter(this, true);
    }

    /**
     * What a single item's representation shows besides its own row (rows it embeds, counts it
     * carries): its validators move with these counters. {@code view_count} is never among them.
     */
    public Set<Counter> shows() {
        return switch (this) {
            case POST -> Set.of(USER.all(), CATEGORY.all(), COMMENT.all());
            case CATEGORY -> Set.of(POST.visibleToAnonymous());
            case COMMENT, PAGE -> Set.of(USER.all());
            case USER -> Set.of();
        };
    }

    /**
     * The counters a list of this model depends on for {@code caller}: its own, and those of
     * everything its items show. Anonymous readers (and, for pages, everyone but staff) see only
     * public items, so their lists follow the public counters.
     */
    public List<Counter> listReads(Caller caller) {
        return switch (this) {
            case POST ->
                    caller.authenticated()
                            ? List.of(POST.all(), CATEGORY.all(), COMMENT.all(), USER.all())
                            : List.of(
                                    POST.visibleToAnonymous(),
                                    CATEGORY.all(),
                                    COMMENT.visibleToAnonymous(),
                                    USER.all());
            case COMMENT ->
                    caller.authenticated()
                            ? List.of(COMMENT.all(), POST.all(), USER.all())
                            : List.of(
                                    COMMENT.visibleToAnonymous(),
                                    POST.visibleToAnonymous(),
                                    USER.all());
            case CATEGORY -> List.of(CATEGORY.all(), POST.visibleToAnonymous());
            case PAGE ->
                    caller.staff()
                            ? List.of(PAGE.all(), USER.all())
                            : List.of(PAGE.visibleToAnonymous(), USER.all());
            case USER -> List.of(USER.all());
        };
    }

    /**
     * Who a list is the same for, in its ETag: two callers with the same key get the same list for
     * the same counters and query.
     */
    public String listAudience(Caller caller) {
        return switch (this) {
            case CATEGORY -> "everyone";
            case PAGE -> caller.staff() ? "staff" : "public";
            default -> caller.audienceKey();
        };
    }

    /** One revision counter: a model's, or its public one. */
    public record Counter(ContentModel model, boolean anonymousOnly) {
        /** The counter's row name in {@code content_revision_slots}. */
        public String key() {
            return anonymousOnly ? model.key + ":public" : model.key;
        }

        @Override
        public String toString() {
            return key();
        }
    }
}
