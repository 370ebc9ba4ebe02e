package io.ansaf.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ansaf.it.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The migration that starts revisions (V5) gives every post and page that existed before it one
 * first revision of its current state, on both databases: a database at V4 with content is
 * migrated, then read back.
 */
class RevisionMigrationIT {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void existingPostsAndPages_getAFirstRevisionOfTheirCurrentState(String vendor)
            throws Exception {
        try (TestDatabase db = vendor.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
            Flyway at =
                    Flyway.configure()
                            .dataSource(db.jdbcUrl(), db.postgresKind() ? "postgres" : "sa", "")
                            .locations("classpath:db/migration/" + vendor)
                            .target("4")
                            .load();
            at.migrate();
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.execute(
                        "INSERT INTO users (id, username, username_key, password_hash, created_at, updated_at)"
                                + " VALUES (7, 'Old', 'old', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                s.execute(
                        "INSERT INTO categories (id, name, name_key, slug, created_at, updated_at)"
                                + " VALUES (3, 'News', 'news', 'news', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                s.execute(
                        "INSERT INTO posts (id, title, slug, excerpt, body, status, category_id, author_id,"
                                + " created_at, updated_at, version) VALUES (11, 'A \"quoted\" title',"
                                + " 'a-quoted-title', 'ex', '<p>body</p>', 'published', 3, 7,"
                                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 4)");
                s.execute(
                        "INSERT INTO pages (id, title, slug, body, status, author_id, created_at,"
                                + " updated_at, version) VALUES (12, 'About', 'about', '', 'draft', 7,"
                                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 2)");
            }
            Flyway.configure()
                    .dataSource(db.jdbcUrl(), db.postgresKind() ? "postgres" : "sa", "")
                    .locations("classpath:db/migration/" + vendor)
                    .target("5")
                    .load()
                    .migrate();
            try (Connection c = db.connect();
                    Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery(
                                    "SELECT model, item_id, version, action, changed_fields, data, author_id"
                                            + " FROM item_revisions ORDER BY item_id")) {
                r.next();
                assertEquals("post", r.getString(1));
                assertEquals(11, r.getLong(2));
                assertEquals(4, r.getInt(3), "the revision carries the item's current version");
                assertEquals("created", r.getString(4));
                assertEquals("title,slug,excerpt,body,status,category", r.getString(5));
                assertEquals(
                        Map.of(
                                "title", "A \"quoted\" title",
                                "slug", "a-quoted-title",
                                "excerpt", "ex",
                                "body", "<p>body</p>",
                                "status", "published",
                                "category", 3L),
                        RevisionLog.fromJson(r.getString(6)));
                assertEquals(7, r.getLong(7));
                r.next();
                assertEquals("page", r.getString(1));
                assertEquals(2, r.getInt(3));
                assertEquals(
                        Map.of("title", "About", "slug", "about", "body", "", "status", "draft"),
                        RevisionLog.fromJson(r.getString(6)));
            }
        }
    }
}
