-- The revision counters behind list ETags, striped: each model's revision is the sum of 16
-- slots, and a write bumps one slot picked at random. With one row per model every write to
-- posts queued on the same row lock until the previous writer committed (a PATCH benchmark on
-- PostgreSQL spent its time waiting there); now concurrent writers rarely meet. The sum still
-- grows with every commit, so it still changes exactly when the data it stands for does.
CREATE TABLE content_revision_slots (
    model    VARCHAR(32) NOT NULL,
    slot     INT         NOT NULL,
    revision BIGINT      NOT NULL,
    PRIMARY KEY (model, slot)
);
INSERT INTO content_revision_slots (model, slot, revision)
    SELECT r.model, s.slot, CASE WHEN s.slot = 0 THEN r.revision ELSE 0 END
    FROM content_revisions r CROSS JOIN generate_series(0, 15) AS s(slot);
DROP TABLE content_revisions;
