-- A category's page as readers ask for it (newest first, or most viewed first) comes straight
-- from an index: without these, PostgreSQL walks a whole-table ordering and filters out the
-- other categories' posts (measured with bench/search: see README).
-- Partial, like what anonymous readers can see; view_count is already indexed, so the view
-- counter's updates were not HOT before either.
CREATE INDEX ix_posts_category_published ON posts (category_id, published_at DESC NULLS LAST, created_at DESC, id DESC)
    WHERE deleted_at IS NULL AND status = 'published';
CREATE INDEX ix_posts_category_views ON posts (category_id, view_count DESC, id DESC)
    WHERE deleted_at IS NULL AND status = 'published';
