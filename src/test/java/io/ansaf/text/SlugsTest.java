package io.ansaf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.text.Slugs.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {
    private static final int MAX = 80;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
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

    /* Titles in other scripts are transliterated to Latin (ICU's Any-Latin), then folded to ASCII. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Cyrillic (Russian, Ukrainian)
                "Привет мир                        | privet-mir",
                "Здравствуй, мир!                  | zdravstvuj-mir",
                "Україна і Київ                    | ukraina-i-kiiv",
                // Han (pinyin), Japanese kana (Hepburn), Hangul
                "你好世界                          | ni-hao-shi-jie",
                "北京市                            | bei-jing-shi",
                "こんにちは世界                    | kon-nichiha-shi-jie",
                "ﾃｽﾄ                               | tesuto",
                "안녕하세요 세계                   | annyeonghaseyo-segye",
                // Arabic (its ʿayn, a modifier letter after transliteration, stays inside the word)
                "مرحبا بالعالم                     | mrhba-balalm",
                "من نحن                            | mn-nhn",
                "تقنية                             | tqnyt",
                // Greek, with accents and in capitals
                "Γειά σου Κόσμε                    | geia-sou-kosme",
                "ΣΟΦΟΣ ΛΟΓΟΣ                       | sophos-logos",
                // Hebrew, also with vowel points
                "שלום עולם                         | slwm-wlm",
                "שָׁלוֹם                            | salwom",
                // Devanagari (vowel signs are combining marks)
                "नमस्ते दुनिया                      | namaste-duniya",
                "हिन्दी समाचार                      | hindi-samacara",
                // Thai, Armenian, Georgian
                "สวัสดีชาวโลก                      | swasdi-chaw-lok",
                "Բարեւ աշխարհ                      | barew-asxarh",
                "გამარჯობა მსოფლიო                 | gamarjoba-msoplio",
                // Persian: the zero-width non-joiner inside a word is dropped, not a word break
                "می\u200cخواهم                      | mykhwahm",
            })
    void transliteratesOtherScripts(String text, String expected) {
        String slug = Slugs.slugify(text, MAX);
        assertEquals(expected, slug);
        assertTrue(Slugs.isValid(slug, MAX), slug);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Hello Мир 世界                    | hello-mir-shi-jie",
                "Café Москва                       | cafe-moskva",
                "Blog #1: 日本 🎉                  | blog-1-ri-ben",
                "Ελληνικά and English              | ellenika-and-english",
                "React в 2024 году                 | react-v-2024-godu",
            })
    void mixedScriptTitlesKeepEveryWord(String text, String expected) {
        assertEquals(expected, Slugs.slugify(text, MAX));
    }

    @Test
    void combiningMarksAreFoldedAwayWhateverTheNormalForm() {
        assertEquals("ete", Slugs.slugify("e\u0301te\u0301", MAX), "decomposed");
        assertEquals("ete", Slugs.slugify("\u00e9t\u00e9", MAX), "precomposed");
        assertEquals("e-e-e", Slugs.slugify("е\u0301 ё е\u0308", MAX), "Cyrillic with accents");
        assertEquals(
                "a",
                Slugs.slugify("\u0301\u0301a\u0308", MAX),
                "marks without a letter before them");
        assertEquals("", Slugs.slugify("\u0301\u0308", MAX), "only marks");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "🎉🎉🎉",
                "👩‍👩‍👧‍👦 🏳️‍🌈",
                "!!! ??? ...",
                "—–«»",
                "\u200b\u200d\u202e",
                "★☆♥"
            })
    void titlesWithoutLettersGiveEmptyInBothForms(String text) {
        assertEquals("", Slugs.slugify(text, MAX));
        assertEquals("", Slugs.slugify(text, MAX, Form.UNICODE));
        assertEquals("post", new UniqueSlugs().baseFor(text, "post", MAX), "the caller's fallback");
    }

    @Test
    void lengthBoundHoldsAfterTransliteration() {
        // Each Han character becomes a syllable of two to six letters plus a hyphen.
        String title = "中华人民共和国国务院关于进一步加强城市规划建设管理工作的若干意见".repeat(6);
        assertTrue(title.length() <= 200, "a title the API accepts");
        for (int max = 1; max <= 230; max++) {
            String slug = Slugs.slugify(title, max);
            assertTrue(slug.length() <= max, max + ": " + slug);
            assertTrue(Slugs.isValid(slug, max), max + ": " + slug);
        }
        assertEquals(
                220, Slugs.slugify(title, 220).length(), "a long transliteration fills the bound");
        String arabic = Slugs.slugify("مرحبا بالعالم ".repeat(14), 220);
        assertTrue(arabic.length() <= 220 && Slugs.isValid(arabic, 220), arabic);
    }

    @Test
    void asciiTitlesSkipTransliteration_withTheSameResult() {
        // The shortcut for plain ASCII must give what the transliterator would.
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(30); n > 0; n--)
                b.append((char) (0x20 + random.nextInt(0x5f)));
            String text = b.toString();
            assertEquals(
                    Slugs.transliterate(text).toLowerCase(java.util.Locale.ROOT),
                    text.toLowerCase(java.util.Locale.ROOT),
                    text);
        }
        assertEquals("tabs and newlines\t\r\n", Slugs.transliterate("Tabs AND newlines\t\r\n"));
    }

    @Test
    void sharedTransliteratorGivesTheSameResultsUnderConcurrency() throws Exception {
        List<String> titles =
                List.of(
                        "Привет мир",
                        "你好世界 北京市",
                        "مرحبا بالعالم",
                        "Γειά σου Κόσμε",
                        "שלום עולם",
                        "नमस्ते दुनिया",
                        "안녕하세요 세계",
                        "สวัสดีชาวโลก",
                        "こんにちは世界",
                        "Crème brûlée");
        List<String> expected = titles.stream().map(t -> Slugs.slugify(t, MAX)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<List<String>> task =
                        () -> {
                            List<String> out = new ArrayList<>();
                            for (int round = 0; round < 50; round++) {
                                for (String t : titles) out.add(Slugs.slugify(t, MAX));
                            }
                            return out;
                        };
                results.add(pool.submit(task));
            }
            for (Future<List<String>> f : results) {
                List<String> out = f.get();
                for (int i = 0; i < out.size(); i++)
                    assertEquals(expected.get(i % titles.size()), out.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /* ansaf.slug.unicode=true: letters of every script stay, in NFKC, lowercase, joined by hyphens. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Привет мир                        | привет-мир",
                "你好世界                          | 你好世界",
                "مرحبا بالعالم                     | مرحبا-بالعالم",
                "Γειά σου Κόσμε                    | γειά-σου-κόσμε",
                "שלום עולם                         | שלום-עולם",
                "नमस्ते दुनिया                      | नमस्ते-दुनिया",
                "안녕하세요 세계                   | 안녕하세요-세계",
                "Hello Мир 世界!                   | hello-мир-世界",
                "Crème Brûlée                      | crème-brûlée",
                "ﾃｽﾄ ①                             | テスト-1",
                "ﬁne Ǆemal                         | fine-džemal",
                "C++ & C# in 2024                  | c-c-in-2024",
            })
    void unicodeFormKeepsLettersOfEveryScript(String text, String expected) {
        String slug = Slugs.slugify(text, MAX, Form.UNICODE);
        assertEquals(expected, slug);
        assertTrue(Slugs.isValid(slug, MAX, Form.UNICODE), slug);
    }

    @Test
    void unicodeFormNormalisesSoThatLookalikesAreEqual() {
        String composed = Slugs.slugify("Cr\u00e8me", MAX, Form.UNICODE);
        assertEquals(composed, Slugs.slugify("Cre\u0300me", MAX, Form.UNICODE));
        assertEquals(composed, Slugs.slugify("CR\u00c8ME", MAX, Form.UNICODE));
        assertFalse(Slugs.isValid("cre\u0300me", MAX, Form.UNICODE), "not NFKC");
        assertEquals(
                "میخواهم",
                Slugs.slugify("می\u200cخواهم", MAX, Form.UNICODE),
                "no invisible characters");
        assertEquals(
                "abc",
                Slugs.slugify("a\u202eb\u00adc", MAX, Form.UNICODE),
                "no bidi controls or soft hyphens");
    }

    @Test
    void unicodeFormCapsWithoutSplittingCharacters() {
        // U+20000.. are Han letters outside the BMP (two UTF-16 units each); Devanagari vowel signs
        // are marks.
        String wide = "\ud840\udc00\ud840\udc01\ud840\udc02";
        assertEquals("\ud840\udc00", Slugs.slugify(wide, 3, Form.UNICODE));
        assertEquals("\ud840\udc00\ud840\udc01", Slugs.slugify(wide, 4, Form.UNICODE));
        assertEquals(
                "नम", Slugs.slugify("नमस्ते", 3, Form.UNICODE), "स is not left without its virama");
        String title = "नमस्ते दुनिया, Привет мир! \ud840\udc00 你好 ".repeat(8);
        for (int max = 1; max <= 230; max++) {
            String slug = Slugs.slugify(title, max, Form.UNICODE);
            assertTrue(slug.length() <= max, max + ": " + slug);
            assertTrue(slug.isEmpty() || Slugs.isValid(slug, max, Form.UNICODE), max + ": " + slug);
            assertFalse(
                    !slug.isEmpty() && Character.isHighSurrogate(slug.charAt(slug.length() - 1)),
                    max + ": " + slug);
        }
    }

    /* What clients may send: lowercase letters of any script, marks, digits, single hyphens. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello-world",
                "2024-recap",
                "crème",
                "مرحبا-بالعالم",
                "привет-мир",
                "你好",
                "γειά-σου",
                "नमस्ते",
                "a-b-c"
            })
    void clientShapeAcceptsLowercaseWordsOfAnyScript(String slug) {
        assertTrue(slug.matches(Slugs.CLIENT_SHAPE), slug);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Not A Slug",
                "Upper",
                "Привет",
                "a--b",
                "-x",
                "x-",
                "a_b",
                "a b",
                "a.b",
                "a/b",
                "🎉",
                "a\u200cb",
                "ΣΟΦΟΣ"
            })
    void clientShapeRefusesWhatIsNotASlug(String slug) {
        assertFalse(slug.matches(Slugs.CLIENT_SHAPE), slug);
    }

    @Test
    void asciiSlugsAreTheSameInBothForms() {
        for (String slug : List.of("hello-world", "a", "2024-recap", "x1-2y-3")) {
            assertEquals(slug, Slugs.slugify(slug, MAX));
            assertEquals(slug, Slugs.slugify(slug, MAX, Form.UNICODE));
            assertTrue(Slugs.isValid(slug, MAX, Form.UNICODE));
        }
        assertNotEquals(Slugs.slugify("Привет", MAX), Slugs.slugify("Привет", MAX, Form.UNICODE));
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
        String title =
                "The quick, brown fox -- jumps over   the lazy dog's back! Again & again & again.";
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
    @ValueSource(
            strings = {
                "",
                "Bad Slug",
                "bad slug",
                "-x",
                "x-",
                "a--b",
                "Upper",
                "helloWorld",
                "crème",
                "a_b",
                "a.b",
                "a/b",
                "-",
                "ö",
                "a b",
                " a",
                "a\n"
            })
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
