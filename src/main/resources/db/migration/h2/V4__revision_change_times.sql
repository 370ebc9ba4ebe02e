-- When each revision slot last moved. An item's Last-Modified is the latest change of everything
-- its representation shows: its own updated_at and the counters of what it embeds (a post's
-- author, category and comments), so If-Modified-Since stays as safe as If-None-Match.
ALTER TABLE content_revision_slots ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE;
