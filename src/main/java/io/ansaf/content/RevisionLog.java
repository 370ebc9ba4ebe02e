package io.ansaf.content;

import io.ansaf.http.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The stored revisions of posts and pages (table {@code item_revisions}): one per committed
 * version, written by {@link Writes} in the transaction of the change, so a rolled-back write
 * leaves none. The content of a version is kept as JSON text of the fields its model names ({@link
 * ContentKind#revisionContent}); retention ({@code ansaf.revisions.keep}) is applied in the same
 * transaction, so an item never holds more than that many for longer than one write.
 */
@ApplicationScoped
public class RevisionLog {
    @PersistenceContext EntityManager em;

    @Inject
    @ConfigProperty(name = "ansaf.revisions.keep")
    int keep;

    private final LongAdder written = new LongAdder();
    private final LongAdder merges = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /** One stored revision. {@code data} is null when only the summary was read. */
    public record Entry(
            int version,
            Instant createdAt,
            Long authorId,
            String authorUsername,
            String action,
            List<String> changedFields,
            Integer baseVersion,
            Map<String, Object> data) {}

    /**
     * Stores the revision of {@code version}: {@code before} is the content of the version before
     * (null for a create), {@code after} the content now. Prunes what retention lets go.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(
            ContentModel model,
            long itemId,
            int version,
            String action,
            Map<String, Object> before,
            Map<String, Object> after,
            Long authorId,
            Integer baseVersion) {
        em.createNativeQuery(
                        "INSERT INTO item_revisions (model, item_id, version, action, changed_fields,"
                                + " data, author_id, base_version, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, model.key())
                .setParameter(2, itemId)
                .setParameter(3, version)
                .setParameter(4, action)
                .setParameter(5, String.join(",", changed(before, after)))
                .setParameter(6, toJson(after))
                .setParameter(7, authorId)
                .setParameter(8, baseVersion)
                .setParameter(9, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
        written.increment();
        if (baseVersion != null) merges.increment();
        if (keep > 0) prune(model, itemId, version);
    }

    /**
     * Deletes all but the newest {@code keep} revisions of the item (never the newest), in one
     * statement; none when the item has had no more than {@code keep} versions, since it cannot
     * have more revisions than versions.
     */
    private void prune(ContentModel model, long itemId, int version) {
        if (version <= keep) return;
        em.createNativeQuery(
                        "DELETE FROM item_revisions WHERE model = ? AND item_id = ? AND version <="
                                + " (SELECT version FROM item_revisions WHERE model = ? AND item_id = ?"
                                + " ORDER BY version DESC OFFSET ? ROWS FETCH FIRST 1 ROWS ONLY)")
                .setParameter(1, model.key())
                .setParameter(2, itemId)
                .setParameter(3, model.key())
                .setParameter(4, itemId)
                .setParameter(5, keep)
                .executeUpdate();
    }

    /** How many revisions of the item are kept. */
    public long count(ContentModel model, long itemId) {
        return ((Number)
                        em.createNativeQuery(
                                        "SELECT COUNT(*) FROM item_revisions WHERE model = ? AND item_id = ?")
                                .setParameter(1, model.key())
                                .setParameter(2, itemId)
                                .getSingleResult())
                .longValue();
    }

    /** A page of the item's revisions, newest first, without their content. */
    public List<Entry> summaries(ContentModel model, long itemId, long offset, int limit) {
        List<Object[]> rows =
                rows(
                        "r.version, r.created_at, r.author_id, u.username, r.action, r.changed_fields,"
                                + " r.base_version",
                        "ORDER BY r.version DESC OFFSET "
                                + offset
                                + " ROWS FETCH FIRST "
                                + limit
                                + " ROWS ONLY",
                        model,
                        itemId,
                        null,
                        null);
        List<Entry> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) out.add(entry(r, null));
        return out;
    }

    /** One revision with its content, if kept. */
    public Optional<Entry> find(ContentModel model, long itemId, int version) {
        return withContent("=", "", model, itemId, version);
    }

    /** The newest kept revision older than {@code version}, with its content: one query. */
    public Optional<Entry> findBefore(ContentModel model, long itemId, int version) {
        return withContent(
                "<", "ORDER BY r.version DESC FETCH FIRST 1 ROWS ONLY", model, itemId, version);
    }

    private Optional<Entry> withContent(
            String versionTest, String tail, ContentModel model, long itemId, int version) {
        List<Object[]> rows =
                rows(
                        "r.version, r.created_at, r.author_id, u.username, r.action, r.changed_fields,"
                                + " r.base_version, r.data",
                        tail,
                        model,
                        itemId,
                        versionTest,
                        version);
        return rows.stream().findFirst().map(r -> entry(r, fromJson(text(r[7]))));
    }

    /**
     * The fields whose content differs between kept version {@code base} and {@code current}; empty
     * when {@code base} is not kept (pruned, or never existed).
     */
    public Optional<List<String>> changedSince(
            ContentModel model, long itemId, int base, Map<String, Object> current) {
        return find(model, itemId, base).map(e -> changed(e.data(), current));
    }

    /** A write refused with 409 (for {@code /metrics}). */
    public void refusedConflict() {
        refused.increment();
    }

    /**
     * The fields of {@code after} whose value differs in {@code before} (all of them without it).
     */
    public static List<String> changed(Map<String, Object> before, Map<String, Object> after) {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, Object> e : after.entrySet()) {
            if (before == null || !Objects.equals(before.get(e.getKey()), e.getValue()))
                fields.add(e.getKey());
        }
        return fields;
    }

    /** {@code versionTest} ("=", "<") compares the version with {@code version}, when not null. */
    private List<Object[]> rows(
            String columns,
            String tail,
            ContentModel model,
            long itemId,
            String versionTest,
            Integer version) {
        var q =
                em.createNativeQuery(
                        "SELECT "
                                + columns
                                + " FROM item_revisions r LEFT JOIN users u ON u.id = r.author_id"
                                + " WHERE r.model = ? AND r.item_id = ?"
                                + (version == null ? "" : " AND r.version " + versionTest + " ?")
                                + " "
                                + tail);
        q.setParameter(1, model.key()).setParameter(2, itemId);
        if (version != null) q.setParameter(3, version);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows;
    }

    private static Entry entry(Object[] r, Map<String, Object> data) {
        String fields = (String) r[5];
        return new Entry(
                ((Number) r[0]).intValue(),
                instant(r[1]),
                r[2] == null ? null : ((Number) r[2]).longValue(),
                (String) r[3],
                (String) r[4],
                fields.isEmpty() ? List.of() : List.of(fields.split(",")),
                r[6] == null ? null : ((Number) r[6]).intValue(),
                data);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) return t.toInstant();
        if (value instanceof Instant i) return i;
        if (value instanceof java.sql.Timestamp t) return t.toInstant();
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    private static String text(Object value) {
        try {
            return value instanceof java.sql.Clob c
                    ? c.getSubString(1, (int) c.length())
                    : (String) value;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read a revision's content", e);
        }
    }

    static String toJson(Map<String, Object> content) {
        return jsonOf(content).toString();
    }

    /** A revision's content as the JSON body a write of those fields would send. */
    public static JsonObject jsonOf(Map<String, Object> content) {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder();
        content.forEach(
                (k, v) -> {
                    if (v == null) b.addNull(k);
                    else if (v instanceof Number n) b.add(k, n.longValue());
                    else b.add(k, v.toString());
                });
        return b.build();
    }

    static Map<String, Object> fromJson(String json) {
        JsonObject o = Jsonp.PROVIDER.createReader(new StringReader(json)).readObject();
        Map<String, Object> out = new LinkedHashMap<>();
        o.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Object value(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).longValue();
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> v.toString();
        };
    }

    @Gauge(
            name = "ansaf_revisions_written_total",
            unit = MetricUnits.NONE,
            absolute = true,
            description = "Revisions of posts and pages written by this instance")
    public long writtenTotal() {
        return written.sum();
    }

    @Gauge(
            name = "ansaf_revision_merges_total",
            unit = MetricUnits.NONE,
            absolute = true,
            description = "Writes applied on top of a newer version (Prefer: conflict=merge)")
    public long mergesTotal() {
        return merges.sum();
    }

    @Gauge(
            name = "ansaf_version_conflicts_total",
            unit = MetricUnits.NONE,
            absolute = true,
            description = "Writes refused with 409 because If-Match named an older version")
    public long conflictsTotal() {
        return refused.sum();
    }
}
