package io.ansaf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {
    private static final int MAX = 80;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "Hello World                       | hello-world",
        "Crème brûlée à Paris              | creme-brulee-a-paris",
        "Straße                            | strasse",
        "STRASSE vs. Straße                | strasse-vs-strasse",
        "Ærøskøbing                        | aeroskobing",
        "Łódź                              | lodz",
        "Đorđe Balašević                   | dorde-balasevic",
        "Œuvre complète                    | oeuvre-complete",
        "Þór and Ðóra                      | thor-and-dora",
        "Smørrebrød                        | smorrebrod",
        "İstanbul ılık                     | istanbul-ilik",
        "Ça va? Ñandú!                     | ca-va-nandu",
        "ﬁne ligatures ①                   | fine-ligatures-1",
        "Hello, World!!! -- again...       | hello-world-again",
        "...leading and trailing!!!        | leading-and-trailing",
        "---                               | ''",
        "a___b   c                         | a-b-c",
        "C++ & C# in 2024                  | c-c-in-2024",
        "日本語のタイトル                  | ri-ben-yunotaitoru",
        "🎉🎉🎉                            | ''",
        "Emoji 🎉 party                    | emoji-party",
        "Привет мир                        | privet-mir",
        "already-a-slug                    | already-a-slug",
        "MiXeD CaSe 42                     | mixed-case-42",
    })
    void slugifies(String text, String expected) {
        assertEquals(expected.equals("''") ? "" : expected, Slugs.slugify(text, MAX));
    }

    @Test
    void controlWhitespaceBecomesHyphens() {
        assertEquals("tabs-and-newlines", Slugs.slugify("tabs\tand\r\nnewlines", MAX));
        assertEquals("no-break-space", Slugs.slugify("no\u00a0break\u2009space", MAX));
    }

    @Test
    void nullAndEmptyGiveEmpty() {
        assertEquals("", Slugs.slugify(null, MAX));
        assertEquals("", Slugs.slugify("", MAX));
        assertEquals("", Slugs.slugify("   ", MAX));
    }

    @Test
    void capsLengthWithoutTrailingHyphen() {
        assertEquals("hello", Slugs.slugify("hello world", 6));
        assertEquals("hello", Slugs.slugify("hello world", 5));
        assertEquals("hello-w", Slugs.slugify("hello world", 7));
        assertEquals("a", Slugs.slugify("a-b-c-d", 2));
        assertEquals("abc", Slugs.slugify("abcdef", 3));
    }

    @Test
    void cappedSlugsAreAlwaysValid() {
        String title = "The quick, brown fox -- jumps over   the lazy dog's back! Again & again & again.";
        for (int max = 1; max <= 90; max++) {
            String slug = Slugs.slugify(title, max);
            assertTrue(slug.length() <= max, slug);
            assertTrue(Slugs.isValid(slug, max), max + ": " + slug);
        }
    }

    @Test
    void rejectsNonPositiveMaxLength() {
        assertThrows(IllegalArgumentException.class, () -> Slugs.slugify("x", 0));
        assertThrows(IllegalArgumentException.class, () -> Slugs.withSuffix("x", 2, 0));
    }

    @Test
    void withSuffixOfOneIsTheBase() {
        assertEquals("hello-world", Slugs.withSuffix("hello-world", 1, MAX));
    }

    @Test
    void withSuffixAppendsNumber() {
        assertEquals("hello-world-2", Slugs.withSuffix("hello-world", 2, MAX));
        assertEquals("hello-world-17", Slugs.withSuffix("hello-world", 17, MAX));
    }

    @Test
    void withSuffixShortensBaseNearTheCap() {
        assertEquals("hello-world-2", Slugs.withSuffix("hello-world", 2, 13));
        assertEquals("hello-worl-2", Slugs.withSuffix("hello-world", 2, 12));
        // Cutting "hello-world" to six characters leaves "hello-", whose hyphen must go.
        assertEquals("hello-2", Slugs.withSuffix("hello-world", 2, 8));
        assertEquals("hello-10", Slugs.withSuffix("hello-world", 10, 9));
        assertEquals("h-123", Slugs.withSuffix("hello", 123, 5));
    }

    @Test
    void withSuffixResultsAreValidAndFit() {
        String base = Slugs.slugify("a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z", MAX);
        for (int max = 5; max <= 60; max++) {
            for (int n : new int[] {2, 9, 10, 99, 100}) {
                String slug = Slugs.withSuffix(base, n, max);
                assertTrue(slug.length() <= max, slug);
                assertTrue(slug.endsWith("-" + n) || slug.equals(String.valueOf(n)), slug);
                assertTrue(Slugs.isValid(slug, max), max + "/" + n + ": " + slug);
            }
        }
    }

    @Test
    void withSuffixRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Slugs.withSuffix("x", 0, MAX));
        assertThrows(IllegalArgumentException.class, () -> Slugs.withSuffix("x", 100, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "z9", "hello", "hello-world", "a-b-c", "2024-recap", "x1-2y-3"})
    void validSlugs(String slug) {
        assertTrue(Slugs.isValid(slug, MAX));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad Slug", "bad slug", "-x", "x-", "a--b", "Upper", "helloWorld", "crème",
        "a_b", "a.b", "a/b", "-", "ö", "a b", " a", "a\n"})
    void invalidSlugs(String slug) {
        assertFalse(Slugs.isValid(slug, MAX));
    }

    @Test
    void invalidWhenNullOrTooLong() {
        assertFalse(Slugs.isValid(null, MAX));
        assertTrue(Slugs.isValid("abcde", 5));
        assertFalse(Slugs.isValid("abcdef", 5));
    }
}
