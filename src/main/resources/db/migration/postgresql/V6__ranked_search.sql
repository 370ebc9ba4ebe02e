-- Ranked full-text search (?q=, content.FullText). body_text is the body as plain text, written
-- by the application with every body (text.HtmlSanitizer.textOf); search_vector weighs the title
-- A, the excerpt B and the body text C, kept current by a trigger in the language of
-- search_settings (ANSAF_SEARCH_LANGUAGE; content.SearchLanguage changes it and rebuilds the
-- vectors at start-up). (Keep in step with the H2 migration, which has body_text only.)
CREATE TABLE search_settings (
    id       INTEGER   PRIMARY KEY CHECK (id = 1),
    language regconfig NOT NULL
);
INSERT INTO search_settings (id, language) VALUES (1, 'english');

ALTER TABLE posts ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN search_vector tsvector;
ALTER TABLE pages ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN search_vector tsvector;

CREATE FUNCTION ansaf_search_language() RETURNS regconfig
    LANGUAGE sql STABLE AS $$ SELECT language FROM search_settings WHERE id = 1 $$;

CREATE FUNCTION ansaf_posts_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig := ansaf_search_language();
BEGIN
    NEW.search_vector := setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector(cfg, coalesce(NEW.excerpt, '')), 'B')
        || setweight(to_tsvector(cfg, coalesce(NEW.body_text, '')), 'C');
    RETURN NEW;
END $$;

CREATE FUNCTION ansaf_pages_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig := ansaf_search_language();
BEGIN
    NEW.search_vector := setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector(cfg, coalesce(NEW.body_text, '')), 'C');
    RETURN NEW;
END $$;

CREATE TRIGGER posts_search_vector BEFORE INSERT OR UPDATE OF title, excerpt, body_text ON posts
    FOR EACH ROW EXECUTE FUNCTION ansaf_posts_search_vector();
CREATE TRIGGER pages_search_vector BEFORE INSERT OR UPDATE OF title, body_text ON pages
    FOR EACH ROW EXECUTE FUNCTION ansaf_pages_search_vector();

-- Existing rows: their bodies as text (tags dropped, the usual entities decoded; the application
-- writes the exact text from the next change on), which also fills search_vector.
UPDATE posts SET body_text = btrim(regexp_replace(replace(replace(replace(replace(replace(
    regexp_replace(body, '<[^>]*>', ' ', 'g'), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
    '\s+', ' ', 'g'));
UPDATE pages SET body_text = btrim(regexp_replace(replace(replace(replace(replace(replace(
    regexp_replace(body, '<[^>]*>', ' ', 'g'), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
    '\s+', ' ', 'g'));

CREATE INDEX ix_posts_search_vector ON posts USING gin (search_vector);
CREATE INDEX ix_pages_search_vector ON pages USING gin (search_vector);
