package io.ansaf.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ansaf.http.ProblemException;
import io.ansaf.text.Headline;
import io.ansaf.text.Stemmer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The websearch syntax as {@code ?q=} reads it, and headlines: pure logic. */
class FullTextTest {
    @Test
    void wordsPhrasesExclusionsAndOr_areParsedAsPostgreSqlsWebsearchReadsThem() {
        FullText.Search s = FullText.parse("Quick \"brown fox\" -lazy or Dog");
        assertEquals("quick \"brown fox\" -lazy or dog", s.websearch());
        assertEquals(List.of("quick", "brown", "fox", "dog"), s.wanted());
        assertEquals(2, s.alternatives().size());
    }

    @Test
    void operatorsOnly_orExclusionsOnly_leaveNothingToFind() {
        for (String q : List.of("-", "or", "\"\"", "- or \"\" -", "&&", "-word", "-a -b or -c"))
            assertEquals(List.of(), FullText.parse(q).alternatives(), q);
        assertNull(FullText.parse("  "));
        assertEquals("fox", FullText.parse("-lazy or fox").websearch());
    }

    @Test
    void tooLongOrTooManyWords_isA400OnQ() {
        assertThrows(ProblemException.class, () -> FullText.parse("a".repeat(1001)));
        assertThrows(ProblemException.class, () -> FullText.parse("w ".repeat(33)));
        assertEquals(32, FullText.parse("w ".repeat(32)).wanted().size());
    }

    @Test
    void englishStems_asPostgreSqlsSnowballStemmer() {
        Stemmer english = Stemmer.of("english");
        assertEquals("run", english.stem("running"));
        assertEquals("run", english.stem("runs"));
        assertEquals("running", Stemmer.of("simple").stem("running"));
        assertEquals(false, Stemmer.knows("klingon"));
    }

    @Test
    void headline_marksStemMatches_andEscapesEverythingElse() {
        Stemmer english = Stemmer.of("english");
        String h =
                Headline.of(
                        List.of("He kept running <b>fast</b> & \"far\"", "", "Title"),
                        Set.of("run"),
                        english);
        assertEquals(
                "He kept <mark>running</mark> &lt;b&gt;fast&lt;/b&gt; &amp; &quot;far&quot;", h);
        // Nothing matches in the body: the excerpt, then the title, else the body's start.
        assertEquals(
                "<mark>Runs</mark> here",
                Headline.of(List.of("nothing", "Runs here", "Title"), Set.of("run"), english));
        assertEquals("nothing", Headline.of(List.of("nothing", "", "x"), Set.of("run"), english));
    }
}
