-- The revision counters behind list ETags, striped: each model's revision is the sum of 16
-- slots, and a write bumps one slot picked at random, so concurrent writers rarely wait on the
-- same row lock. The sum still grows with every commit. (See the PostgreSQL migration.)
CREATE TABLE content_revision_slots (
    model    VARCHAR(32) NOT NULL,
    slot     INT         NOT NULL,
    revision BIGINT      NOT NULL,
    PRIMARY KEY (model, slot)
);
INSERT INTO content_revision_slots (model, slot, revision)
    SELECT r.model, CAST(s.X AS INT), CASE WHEN s.X = 0 THEN r.revision ELSE 0 END
    FROM content_revisions r CROSS JOIN SYSTEM_RANGE(0, 15) s;
DROP TABLE content_revisions;
