package io.ansaf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.http.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueSlugsTest {
    private static final int MAX = 220;

    static UniqueSlugs site(boolean unicode) {
        UniqueSlugs slugs = new UniqueSlugs();
        slugs.unicode = unicode;
        return slugs;
    }

    @Test
    void clientSlugInAnotherScript_isTransliteratedOnAnAsciiSite() {
        assertEquals("mrhba-balalm", site(false).requested("مرحبا-بالعالم", MAX));
        assertEquals("privet-mir", site(false).requested("привет-мир", MAX));
        assertEquals("ni-hao", site(false).requested("你好", MAX));
        assertEquals("creme", site(false).requested("crème", MAX));
        assertEquals(
                "hello-world",
                site(false).requested("hello-world", MAX),
                "an ASCII slug stays as sent");
    }

    @Test
    void clientSlugInAnotherScript_isKeptInNfkcOnAUnicodeSite() {
        assertEquals("مرحبا-بالعالم", site(true).requested("مرحبا-بالعالم", MAX));
        assertEquals("cr\u00e8me", site(true).requested("cre\u0300me", MAX));
        assertEquals("hello-world", site(true).requested("hello-world", MAX));
    }

    @Test
    void clientSlugThatLeavesNothing_isA400OnSlug() {
        ProblemException e =
                assertThrows(ProblemException.class, () -> site(false).requested("\u02bf", MAX));
        assertEquals(400, e.status());
        assertTrue(e.extensions().getJsonObject("errors").containsKey("slug"));
    }

    @Test
    void longClientSlug_isCappedAfterTransliteration() {
        String slug = site(false).requested("你好".repeat(100), MAX);
        assertTrue(slug.length() <= MAX && Slugs.isValid(slug, MAX), slug);
    }

    @Test
    void titleWithoutLetters_getsTheFallbackInBothForms() {
        assertEquals("post", site(false).baseFor("🎉🎉🎉", "post", MAX));
        assertEquals("page", site(true).baseFor("!!!", "page", MAX));
        assertEquals("category", site(false).baseFor(null, "category", MAX));
    }

    @Test
    void create_withoutASlug_derivesItFromTheTitleAndSkipsTakenOnes() {
        List<String> tried = new ArrayList<>();
        String slug =
                site(false)
                        .create(
                                null,
                                "Привет мир",
                                "post",
                                MAX,
                                base -> Set.of("privet-mir"),
                                candidate -> {
                                    tried.add(candidate);
                                    return candidate;
                                });
        assertEquals("privet-mir-2", slug);
        assertEquals(List.of("privet-mir-2"), tried);
    }

    @Test
    void create_withAClientSlug_insertsItInTheSiteForm() {
        assertEquals(
                "mrhba", site(false).create("مرحبا", "t", "post", MAX, base -> Set.of(), c -> c));
        assertEquals(
                "مرحبا", site(true).create("مرحبا", "t", "post", MAX, base -> Set.of(), c -> c));
    }

    @Test
    void firstFree_isTheWantedSlugOrTheFirstSuffixNotTaken() {
        assertEquals("hello", UniqueSlugs.firstFree("hello", 50, java.util.Set.of("other")));
        assertEquals(
                "hello-3",
                UniqueSlugs.firstFree(
                        "hello", 50, java.util.Set.of("hello", "hello-2", "hello-4")));
        // The suffix still fits the column: the base gives way, not the suffix.
        String taken = "a".repeat(10);
        String free = UniqueSlugs.firstFree(taken, 10, java.util.Set.of(taken));
        assertEquals("aaaaaaaa-2", free);
    }
}
