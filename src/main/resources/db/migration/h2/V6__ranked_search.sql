-- Ranked full-text search (?q=, content.FullText). body_text is the body as plain text, written
-- by the application with every body (text.HtmlSanitizer.textOf). H2 has no text-search engine:
-- queries match whole words (stems as word prefixes) in title, excerpt and body_text with
-- REGEXP_LIKE, which is what an embedded database's amount of content allows. (Keep in step with
-- the PostgreSQL migration, which also keeps a weighted tsvector with a GIN index.)
ALTER TABLE posts ADD COLUMN body_text CLOB NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN body_text CLOB NOT NULL DEFAULT '';

-- Existing rows: their bodies as text (tags dropped, the usual entities decoded; the application
-- writes the exact text from the next change on).
UPDATE posts SET body_text = TRIM(REGEXP_REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
    REGEXP_REPLACE(body, '<[^>]*>', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
    '\s+', ' '));
UPDATE pages SET body_text = TRIM(REGEXP_REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
    REGEXP_REPLACE(body, '<[^>]*>', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
    '\s+', ' '));
