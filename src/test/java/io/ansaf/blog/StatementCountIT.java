package io.ansaf.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No N+1: a list page costs the same number of SQL statements for 10 items as for 100, authors,
 * categories and comment counts included (counted by Hibernate statistics, read from /metrics).
 */
@ExtendWith(SharedServer.class)
class StatementCountIT {
    private static final Pattern GAUGE =
            Pattern.compile("(?m)^\\S*ansaf_sql_statements\\S*\\s+([0-9.E]+)");

    static long statements(Api api) {
        Matcher m = GAUGE.matcher(io.ansaf.it.Gauges.text(api));
        assertTrue(m.find(), "ansaf_sql_statements gauge in /metrics");
        return (long) Double.parseDouble(m.group(1));
    }

    /** Statements spent by one request, measured twice to rule out a concurrent flush. */
    static long cost(Api api, Api caller, String path) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = statements(api);
            assertEquals(200, caller.get(path).status());
            best = Math.min(best, statements(api) - before);
        }
        return best;
    }

    @Test
    void postList_costsAConstantNumberOfStatements(Api api) {
        Api staff = Users.staff(api);
        String tag = Users.unique("nplus").replace(" ", "");
        long[] categories = new long[5];
        for (int i = 0; i < 5; i++) {
            categories[i] =
                    staff.post(
                                    "/api/v1/blogs/categories/",
                                    Json.createObjectBuilder().add("name", tag + " c" + i).build())
                            .id();
        }
        Api[] authors = {Users.newUser(api), Users.newUser(api), Users.newUser(api)};
        for (int i = 0; i < 100; i++) {
            long post =
                    authors[i % 3]
                            .post(
                                    "/api/v1/blogs/posts/",
                                    Json.createObjectBuilder()
                                            .add("title", tag + " " + i)
                                            .add("status", "published")
                                            .add("category", categories[i % 5])
                                            .build())
                            .id();
            if (i % 10 == 0) {
                staff.post(
                        "/api/v1/blogs/comments/",
                        Json.createObjectBuilder()
                                .add("post", post)
                                .add("body", "c")
                                .add("is_approved", true)
                                .build());
            }
        }
        Api reader = api.fresh();
        String list = "/api/v1/blogs/posts/?search=" + tag + "&ordering=title&page_size=";
        long ten = cost(api, reader, list + "10");
        long hundred = cost(api, reader, list + "100");
        assertEquals(100, reader.get(list + "100").results().size());
        assertEquals(ten, hundred, "statements for 10 vs 100 posts");
        assertTrue(hundred <= 6, "a handful of statements, got " + hundred);
        long comments = cost(api, reader, "/api/v1/blogs/comments/?page_size=100");
        long categoriesList = cost(api, reader, "/api/v1/blogs/categories/?page_size=100");
        assertTrue(comments <= 6 && categoriesList <= 6, comments + " / " + categoriesList);
    }
}
