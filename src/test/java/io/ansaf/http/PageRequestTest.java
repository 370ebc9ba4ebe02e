package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PageRequestTest {
    static ListParams query(String... kv) {
        java.util.Map<String, java.util.List<String>> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2)
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        return new ListParams(m, java.net.URI.create("http://localhost/"));
    }

    @Test
    void defaultsAndCap() {
        assertEquals(new PageRequest(1, 20), PageRequest.from(query()));
        assertEquals(
                new PageRequest(3, 100), PageRequest.from(query("page", "3", "page_size", "1000")));
        assertEquals(new PageRequest(1, 20), PageRequest.from(query("page_size", "abc")));
        assertEquals(new PageRequest(1, 20), PageRequest.from(query("page_size", "0")));
        assertEquals(40, new PageRequest(3, 20).offset());
    }

    @Test
    void invalidPages_are404() {
        for (String bad : new String[] {"0", "-1", "x", "1.5"}) {
            ProblemException e =
                    assertThrows(
                            ProblemException.class, () -> PageRequest.from(query("page", bad)));
            assertEquals(404, e.status());
        }
    }

    @Test
    void resolve_checksTheEnd_andAnswersLast() {
        assertEquals(
                new PageRequest(1, 20),
                new PageRequest(1, 20).resolve(0),
                "an empty first page is fine");
        assertEquals(new PageRequest(3, 20), new PageRequest(3, 20).resolve(41));
        assertEquals(
                404,
                assertThrows(ProblemException.class, () -> new PageRequest(4, 20).resolve(60))
                        .status());
        assertEquals(new PageRequest(3, 20), PageRequest.from(query("page", "last")).resolve(60));
    }

    @Test
    void theLargestPageNumber_isAPageLikeAnyOther_pastTheEndIs404_notTheLastPage() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () -> PageRequest.from(query("page", "2147483647")).resolve(60));
        assertEquals(404, e.status());
        assertEquals(
                2147483646L * 100,
                PageRequest.from(query("page", "2147483647", "page_size", "100")).offset(),
                "no int overflow");
    }
}
