-- A category's page as readers ask for it (newest first, or most viewed first) comes straight
-- from an index (H2 has no partial indexes: these cover every status).
CREATE INDEX ix_posts_category_published ON posts (category_id, published_at DESC NULLS LAST, created_at DESC, id DESC);
CREATE INDEX ix_posts_category_views ON posts (category_id, view_count DESC, id DESC);
