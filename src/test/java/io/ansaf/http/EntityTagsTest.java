package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagsTest {
    private static final String TAG = "\"post-12-v3\"";
    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void strongQuotes() {
        assertEquals("\"post-12-v3\"", EntityTags.strong("post-12-v3"));
        assertEquals("\"\"", EntityTags.strong(""));
        assertThrows(IllegalArgumentException.class, () -> EntityTags.strong("a\"b"));
    }

    @Test
    void parseListOfNothing() {
        assertEquals(List.of(), EntityTags.parseList(null));
        assertEquals(List.of(), EntityTags.parseList(""));
        assertEquals(List.of(), EntityTags.parseList("   "));
        assertEquals(List.of(), EntityTags.parseList(" , ,, "));
    }

    @Test
    void parseListWildcard() {
        assertEquals(List.of("*"), EntityTags.parseList("*"));
        assertEquals(List.of("*"), EntityTags.parseList("  *  "));
    }

    @Test
    void parseListWithSpacesAndWeakTags() {
        assertEquals(
                List.of("\"a\"", "W/\"b\"", "\"c\""),
                EntityTags.parseList("\"a\",W/\"b\" ,  \"c\""));
        assertEquals(List.of("\"a\"", "\"b\""), EntityTags.parseList(" \t\"a\" ,\t\"b\"\t"));
        assertEquals(List.of("W/\"x\""), EntityTags.parseList("w/\"x\""));
        assertEquals(List.of("\"\""), EntityTags.parseList("\"\""));
    }

    @Test
    void parseListKeepsCommasInsideQuotes() {
        assertEquals(
                List.of("\"a,b\"", "W/\",c,\"", "\"e\""),
                EntityTags.parseList("\"a,b\", W/\",c,\", \"e\""));
    }

    @Test
    void parseListKeepsBareTokens() {
        assertEquals(List.of("3"), EntityTags.parseList("3"));
        assertEquals(List.of("3", "\"4\"", "abc"), EntityTags.parseList("3, \"4\", abc"));
    }

    @Test
    void parseListSkipsMalformedPieces() {
        assertEquals(List.of("\"c\""), EntityTags.parseList("\"a\"b, \"c\""));
        assertEquals(List.of("\"ok\""), EntityTags.parseList("\"ok\", \"unterminated"));
        assertEquals(List.of("\"ok\""), EntityTags.parseList("W/, \"ok\""));
        assertEquals(List.of("\"ok\""), EntityTags.parseList("W/x, \"ok\""));
        assertEquals(List.of("\"ok\""), EntityTags.parseList("two words, \"ok\""));
        assertEquals(List.of("\"ok\""), EntityTags.parseList("ab\"cd\", \"ok\""));
        assertEquals(List.of("\"ok\""), EntityTags.parseList("\"has space\", \"ok\""));
        // "*" is only meaningful alone; inside a list it is malformed.
        assertEquals(List.of("\"a\""), EntityTags.parseList("\"a\", *"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"",
                "\"\"\"",
                "W/",
                "W/\"",
                ",\"",
                "\u0000\u0001",
                "\"a\"\"b\"",
                "🎉",
                "\"é\u20ac\"",
                "W/W/\"x\""
            })
    void parseListNeverThrowsOnGarbage(String garbage) {
        assertDoesNotThrow(() -> EntityTags.parseList(garbage));
        assertDoesNotThrow(() -> EntityTags.notModified(garbage, TAG));
        assertDoesNotThrow(() -> EntityTags.ifMatchSatisfied(garbage, TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied(garbage, TAG, 3));
    }

    @Test
    void weakMatchIgnoresWeakness() {
        assertTrue(EntityTags.weakMatch("\"a\"", "\"a\""));
        assertTrue(EntityTags.weakMatch("W/\"a\"", "\"a\""));
        assertTrue(EntityTags.weakMatch("\"a\"", "W/\"a\""));
        assertTrue(EntityTags.weakMatch("W/\"a\"", "W/\"a\""));
        assertFalse(EntityTags.weakMatch("\"a\"", "\"b\""));
        assertFalse(EntityTags.weakMatch("\"a\"", "\"A\""));
        assertFalse(EntityTags.weakMatch(null, "\"a\""));
        assertFalse(EntityTags.weakMatch("\"a\"", null));
    }

    @Test
    void strongMatchRequiresBothStrong() {
        assertTrue(EntityTags.strongMatch("\"a\"", "\"a\""));
        assertFalse(EntityTags.strongMatch("W/\"a\"", "\"a\""));
        assertFalse(EntityTags.strongMatch("\"a\"", "W/\"a\""));
        assertFalse(EntityTags.strongMatch("W/\"a\"", "W/\"a\""));
        assertFalse(EntityTags.strongMatch("\"a\"", "\"b\""));
        assertFalse(EntityTags.strongMatch(null, null));
    }

    @Test
    void notModifiedOnMatchingTag() {
        assertTrue(EntityTags.notModified(TAG, TAG));
        assertTrue(EntityTags.notModified("W/" + TAG, TAG));
        assertTrue(EntityTags.notModified("\"other\", " + TAG, TAG));
        assertTrue(EntityTags.notModified("\"x\",W/\"post-12-v3\"", TAG));
        assertFalse(EntityTags.notModified("\"post-12-v2\"", TAG));
        assertFalse(EntityTags.notModified("post-12-v3", TAG));
    }

    @Test
    void notModifiedOnWildcardOnlyIfResourceExists() {
        assertTrue(EntityTags.notModified("*", TAG));
        assertFalse(EntityTags.notModified("*", null));
        assertFalse(EntityTags.notModified(TAG, null));
    }

    @Test
    void notModifiedWithoutHeader() {
        assertFalse(EntityTags.notModified(null, TAG));
        assertFalse(EntityTags.notModified("", TAG));
    }

    @Test
    void ifMatchWildcard() {
        assertTrue(EntityTags.ifMatchSatisfied("*", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("*", null, 3));
    }

    @Test
    void ifMatchStrongTag() {
        assertTrue(EntityTags.ifMatchSatisfied(TAG, TAG, 3));
        assertTrue(EntityTags.ifMatchSatisfied("\"post-12-v2\", " + TAG, TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("\"post-12-v2\"", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("\"post-13-v3\"", TAG, 3));
    }

    @Test
    void ifMatchNeverSatisfiedByWeakTag() {
        assertFalse(EntityTags.ifMatchSatisfied("W/" + TAG, TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("W/\"3\"", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied(TAG, "W/" + TAG, 3));
    }

    @Test
    void ifMatchBareAndQuotedVersions() {
        assertTrue(EntityTags.ifMatchSatisfied("3", TAG, 3));
        assertTrue(EntityTags.ifMatchSatisfied(" 3 ", TAG, 3));
        assertTrue(EntityTags.ifMatchSatisfied("\"3\"", TAG, 3));
        assertTrue(EntityTags.ifMatchSatisfied("2, 3", TAG, 3));
        assertTrue(EntityTags.ifMatchSatisfied("007", TAG, 7));
        assertFalse(EntityTags.ifMatchSatisfied("2", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("\"2\"", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("-3", TAG, -3));
        assertFalse(EntityTags.ifMatchSatisfied("3.0", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("99999999999999999999999", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("3", null, 3));
    }

    @Test
    void ifMatchWithoutHeaderIsNotSatisfied() {
        assertFalse(EntityTags.ifMatchSatisfied(null, TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("  ", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("garbage\"", TAG, 3));
    }

    @Test
    void httpDateFormatsImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", EntityTags.httpDate(RFC_EXAMPLE));
        assertEquals(
                "Sun, 06 Nov 1994 08:49:37 GMT", EntityTags.httpDate(RFC_EXAMPLE.plusMillis(999)));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", EntityTags.httpDate(Instant.EPOCH));
    }

    @Test
    void parseHttpDateAcceptsAllThreeForms() {
        Optional<Instant> expected = Optional.of(RFC_EXAMPLE);
        assertEquals(expected, EntityTags.parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(expected, EntityTags.parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(expected, EntityTags.parseHttpDate("Sun Nov  6 08:49:37 1994"));
        assertEquals(
                Optional.of(Instant.parse("1994-11-16T08:49:37Z")),
                EntityTags.parseHttpDate("Wed Nov 16 08:49:37 1994"));
        assertEquals(expected, EntityTags.parseHttpDate("  Sun, 06 Nov 1994 08:49:37 GMT  "));
    }

    @Test
    void parseHttpDateRoundTrips() {
        Instant t = Instant.parse("2031-02-28T23:59:59Z");
        assertEquals(Optional.of(t), EntityTags.parseHttpDate(EntityTags.httpDate(t)));
    }

    @Test
    void rfc850TwoDigitYearsAreAtMostFiftyYearsAhead() {
        DateTimeFormatter rfc850 =
                DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US);
        int thisYear = Year.now(ZoneOffset.UTC).getValue();
        for (int year : new int[] {thisYear - 40, thisYear, thisYear + 10, thisYear + 45}) {
            LocalDateTime t = LocalDateTime.of(year, 3, 1, 12, 0, 0);
            assertEquals(
                    Optional.of(t.toInstant(ZoneOffset.UTC)),
                    EntityTags.parseHttpDate(rfc850.format(t)),
                    rfc850.format(t));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "yesterday",
                "Sun, 06 Nov 1994 08:49:37",
                "Sun, 06 Nov 1994 08:49:37 UTC",
                "Mon, 06 Nov 1994 08:49:37 GMT",
                "Sun, 31 Nov 1994 08:49:37 GMT",
                "Sun, 06 Nov 1994 25:49:37 GMT",
                "1994-11-06T08:49:37Z",
                "784111777",
                "Sun, 6 Nov 1994 08:49:37 GMT x"
            })
    void parseHttpDateRejectsGarbage(String s) {
        assertEquals(Optional.empty(), EntityTags.parseHttpDate(s));
    }

    @Test
    void parseHttpDateOfNull() {
        assertEquals(Optional.empty(), EntityTags.parseHttpDate(null));
    }

    @Test
    void notModifiedSinceComparesWholeSeconds() {
        String header = "Sun, 06 Nov 1994 08:49:37 GMT";
        assertTrue(EntityTags.notModifiedSince(header, RFC_EXAMPLE));
        assertTrue(EntityTags.notModifiedSince(header, RFC_EXAMPLE.plusMillis(999)));
        assertTrue(EntityTags.notModifiedSince(header, RFC_EXAMPLE.minusSeconds(3600)));
        assertFalse(EntityTags.notModifiedSince(header, RFC_EXAMPLE.plusSeconds(1)));
    }

    @Test
    void notModifiedSinceWithUnusableInput() {
        assertFalse(EntityTags.notModifiedSince(null, RFC_EXAMPLE));
        assertFalse(EntityTags.notModifiedSince("not a date", RFC_EXAMPLE));
        assertFalse(EntityTags.notModifiedSince("Sun, 06 Nov 1994 08:49:37 GMT", null));
    }

    @Test
    void ifMatch_isJudgedOnTheItemsOwnVersion_notOnTheDigestOfWhatItEmbeds() {
        assertTrue(
                EntityTags.ifMatchSatisfied("\"post-12-v3.5f2a0c91d4\"", TAG, 3),
                "served before a category rename");
        assertTrue(EntityTags.ifMatchSatisfied("\"post-12-v3.0000000000\", \"x\"", TAG, 3));
        assertFalse(
                EntityTags.ifMatchSatisfied("\"post-12-v2.5f2a0c91d4\"", TAG, 3),
                "the item itself changed");
        assertFalse(
                EntityTags.ifMatchSatisfied("W/\"post-12-v3.5f2a0c91d4\"", TAG, 3),
                "weak never satisfies If-Match");
        assertFalse(EntityTags.ifMatchSatisfied("\"post-12-v33.1\"", TAG, 3));
        assertEquals("\"post-12-v3\"", EntityTags.ownPart("\"post-12-v3.abc\""));
        assertEquals("\"post-12-v3\"", EntityTags.ownPart("\"post-12-v3\""));
        assertEquals("3", EntityTags.ownPart("3"));
    }

    @Test
    void codedTags_carryTheCodingAsASuffix_andCompareLikeTheIdentityOne() {
        assertEquals("\"post-12-v3-gzip\"", EntityTags.coded(TAG, "gzip"));
        assertEquals("W/\"a-br\"", EntityTags.coded("W/\"a\"", "br"));
        assertEquals(TAG, EntityTags.identity("\"post-12-v3-gzip\""));
        assertEquals(TAG, EntityTags.identity("\"post-12-v3-br\""));
        assertEquals("\"post-12-v3-gzipx\"", EntityTags.identity("\"post-12-v3-gzipx\""));
        assertTrue(EntityTags.notModified("\"post-12-v3-gzip\"", TAG));
        assertTrue(EntityTags.notModified(TAG, "\"post-12-v3-gzip\""));
        assertFalse(EntityTags.notModified("\"post-12-v2-gzip\"", TAG));
        assertTrue(EntityTags.ifMatchSatisfied("\"post-12-v3-gzip\"", TAG, 3));
        assertTrue(EntityTags.ifMatchSatisfied("\"post-12-v3.ab12-br\"", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("\"post-12-v2-gzip\"", TAG, 3));
        assertFalse(EntityTags.ifMatchSatisfied("W/\"post-12-v3-gzip\"", TAG, 3));
    }

    @Test
    void formHeld_namesTheFormTheClientListed() {
        assertEquals(
                Optional.of("\"post-12-v3-gzip\""),
                EntityTags.formHeld("\"x\", W/\"post-12-v3-gzip\"", TAG));
        assertEquals(Optional.of(TAG), EntityTags.formHeld(TAG, TAG));
        assertEquals(Optional.empty(), EntityTags.formHeld("*", TAG));
        assertEquals(Optional.empty(), EntityTags.formHeld("\"post-12-v2-gzip\"", TAG));
    }
}
