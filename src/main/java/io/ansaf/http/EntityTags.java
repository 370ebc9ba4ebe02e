package io.ansaf.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Entity-tags, HTTP-dates and the evaluation of conditional request headers (RFC 9110 sections
 * 8.8.3, 5.6.7 and 13.1). Kept free of JAX-RS so the rules can be tested in isolation, and lenient
 * in what it parses, because a malformed validator from a client should cost that client a cache
 * hit or a 412, never a 400 or a 500.
 */
public final class EntityTags {
    private static final String WEAK_PREFIX = "W/";
    private static final String WILDCARD = "*";
    // Long enough for any version we issue, short enough that Long.parseLong cannot overflow.
    private static final int MAX_VERSION_DIGITS = 18;

    private static final DateTimeFormatter IMF_FIXDATE =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'")
                    .toFormatter(Locale.US)
                    .withResolverStyle(ResolverStyle.STRICT);
    // RFC 9110: a two-digit year more than 50 years in the future means the most recent past one.
    private static final DateTimeFormatter RFC_850 =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(
                            ChronoField.YEAR,
                            2,
                            2,
                            LocalDateTime.now(ZoneOffset.UTC).getYear() - 49)
                    .appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.US)
                    .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ASCTIME =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("EEE MMM ppd HH:mm:ss uuuu")
                    .toFormatter(Locale.US)
                    .withResolverStyle(ResolverStyle.STRICT);

    private EntityTags() {}

    /**
     * Quotes an opaque value as a strong entity-tag: {@code post-12-v3} becomes {@code
     * "post-12-v3"}.
     */
    public static String strong(String value) {
        if (value.indexOf('"') >= 0)
            throw new IllegalArgumentException("An entity-tag cannot contain '\"': " + value);
        return '"' + value + '"';
    }

    /**
     * Splits an If-Match or If-None-Match value into its entity-tags, each kept as sent including
     * its quotes and any {@code W/} prefix. A value of exactly {@code *} gives {@code ["*"]}.
     * Unquoted tokens are kept too, because legacy clients send bare versions such as {@code
     * If-Match: 3}. Malformed pieces are skipped; {@code null} or blank gives an empty list.
     */
    public static List<String> parseList(String header) {
        if (header == null || header.isBlank()) return List.of();
        String h = header.strip();
        if (h.equals(WILDCARD)) return List.of(WILDCARD);
        List<String> tags = new ArrayList<>();
        int n = h.length();
        int i = 0;
        while (i < n) {
            char c = h.charAt(i);
            if (c == ',' || isOws(c)) {
                i++;
                continue;
            }
            boolean weak = (c == 'W' || c == 'w') && i + 1 < n && h.charAt(i + 1) == '/';
            int open = weak ? i + 2 : i;
            if (open < n && h.charAt(open) == '"') {
                // Commas are legal inside the quotes, so the tag ends at the next quote, not comma.
                int close = h.indexOf('"', open + 1);
                if (close < 0) break;
                int after = skipOws(h, close + 1);
                String opaque = h.substring(open, close + 1);
                if ((after == n || h.charAt(after) == ',') && isOpaqueTag(opaque)) {
                    tags.add(weak ? WEAK_PREFIX + opaque : opaque);
                    i = after;
                } else {
                    i = nextComma(h, after);
                }
            } else {
                int end = nextComma(h, i);
                String token = h.substring(i, end).strip();
                if (!weak && !token.equals(WILDCARD) && isBareToken(token)) tags.add(token);
                i = end;
            }
        }
        return List.copyOf(tags);
    }

    /**
     * The content codings a representation may be sent in ({@link Compression}), each with its own
     * strong tag: the identity one with {@code -gzip} or {@code -br} before the closing quote.
     */
    public static final List<String> CODINGS = List.of("gzip", "br");

    /**
     * The tag of {@code tag}'s representation in a content coding: {@code "a"} gives {@code
     * "a-gzip"}.
     */
    public static String coded(String tag, String coding) {
        if (!tag.endsWith("\"")) return tag;
        return tag.substring(0, tag.length() - 1) + '-' + coding + '"';
    }

    /**
     * The tag of the identity representation: {@code "a-gzip"} gives {@code "a"}; other tags as
     * they are. Every comparison below is made on this form, so a client holding the compressed
     * representation's tag is judged like one holding the identity one.
     */
    public static String identity(String tag) {
        if (tag == null || !tag.endsWith("\"")) return tag;
        for (String c : CODINGS) {
            String suffix = "-" + c + '"';
            if (tag.endsWith(suffix)) return tag.substring(0, tag.length() - suffix.length()) + '"';
        }
        return tag;
    }

    /**
     * Which form of {@code currentTag} (identity or coded, as listed in {@code ifNoneMatchHeader})
     * the client holds, or empty when it lists none of them: a {@code 304} names the form the
     * client has.
     */
    public static Optional<String> formHeld(String ifNoneMatchHeader, String currentTag) {
        if (currentTag == null) return Optional.empty();
        String own = opaque(identity(currentTag));
        return parseList(ifNoneMatchHeader).stream()
                .filter(t -> !t.equals(WILDCARD) && opaque(identity(t)).equals(own))
                .map(EntityTags::opaque)
                .findFirst()
                .map(t -> isWeak(currentTag) ? WEAK_PREFIX + t : t);
    }

    /** Weak comparison: the opaque tags are equal, whether or not either is marked weak. */
    public static boolean weakMatch(String a, String b) {
        return a != null && b != null && opaque(a).equals(opaque(b));
    }

    /** Strong comparison: neither tag is weak and they are equal. */
    public static boolean strongMatch(String a, String b) {
        return a != null && b != null && !isWeak(a) && !isWeak(b) && a.equals(b);
    }

    /**
     * The one answer to "does this conditional GET match these validators?" (RFC 9110 13.2.2):
     * {@code If-None-Match} decides when present (weak comparison, lists, {@code *}); otherwise
     * {@code If-Modified-Since}, when there is a {@code lastModified} to compare. False when the
     * request is not conditional. The validators filter, lists and the cached validators all ask
     * this.
     */
    public static boolean matches(
            String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null) return etag != null && notModified(ifNoneMatch, etag);
        return lastModified != null && notModifiedSince(ifModifiedSince, lastModified);
    }

    /**
     * Whether a GET or HEAD may answer 304 because of If-None-Match: the header is {@code *} and
     * the resource exists, or one of its tags weakly matches {@code currentTag} (in any coding's
     * form: {@link #identity}). A {@code null} {@code currentTag} means the resource does not
     * exist.
     */
    public static boolean notModified(String ifNoneMatchHeader, String currentTag) {
        if (currentTag == null) return false;
        List<String> tags = parseList(ifNoneMatchHeader);
        if (tags.equals(List.of(WILDCARD))) return true;
        String current = identity(currentTag);
        return tags.stream().anyMatch(t -> weakMatch(identity(t), current));
    }

    /**
     * Whether an If-Match precondition holds for a resource that exists with {@code currentTag} and
     * {@code currentVersion}: the header is {@code *}, one of its tags strongly matches, in any
     * coding's form ({@link #identity}; a tag {@code "post-1-v3.<digest>"} matches {@code
     * "post-1-v3"}: the part after the dot stands for what the item embeds, not for the item), or
     * one entry is the bare or quoted version number ({@code 3} or {@code "3"}) that legacy clients
     * send. A weak tag never satisfies If-Match. An absent or empty header gives {@code false}:
     * whether a missing If-Match is acceptable is the caller's decision, made before calling this.
     */
    public static boolean ifMatchSatisfied(
            String ifMatchHeader, String currentTag, long currentVersion) {
        if (currentTag == null) return false;
        List<String> tags = parseList(ifMatchHeader);
        if (tags.equals(List.of(WILDCARD))) return true;
        for (String t : tags) {
            if (strongMatch(ownPart(identity(t)), identity(currentTag))
                    || isVersion(t, currentVersion)) return true;
        }
        return false;
    }

    /**
     * The version an {@code If-Match} of one entry names: the bare or quoted number legacy clients
     * send, or an item tag {@code "<ownPrefix><N>"} (with any embedded digest and coding), such as
     * {@code "post-1-v3.5f2a-gzip"} for prefix {@code post-1-v}. Empty for anything else, lists of
     * several tags and weak tags.
     */
    public static java.util.OptionalLong namedVersion(String ifMatchHeader, String ownPrefix) {
        List<String> tags = parseList(ifMatchHeader);
        if (tags.size() != 1 || isWeak(tags.get(0))) return java.util.OptionalLong.empty();
        String t = ownPart(identity(tags.get(0)));
        String inner =
                t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
                        ? t.substring(1, t.length() - 1)
                        : t;
        if (inner.startsWith(ownPrefix)) inner = inner.substring(ownPrefix.length());
        if (inner.isEmpty() || inner.length() > MAX_VERSION_DIGITS)
            return java.util.OptionalLong.empty();
        for (int i = 0; i < inner.length(); i++) {
            if (inner.charAt(i) < '0' || inner.charAt(i) > '9')
                return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseLong(inner));
    }

    /** Formats an instant as an IMF-fixdate, such as {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String httpDate(Instant t) {
        return IMF_FIXDATE.format(
                LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }

    /**
     * Parses an HTTP-date in any of the three forms recipients must accept: IMF-fixdate, RFC 850
     * and asctime. Anything else, including a weekday that contradicts the date, gives empty.
     */
    public static Optional<Instant> parseHttpDate(String s) {
        if (s == null) return Optional.empty();
        String value = s.strip();
        for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
            try {
                return Optional.of(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException e) {
                // Try the next form.
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a GET or HEAD may answer 304 because of If-Modified-Since: the header is a valid date
     * and the resource has not changed after it. Dates carry whole seconds, so {@code lastModified}
     * is truncated before comparing. Callers must ignore If-Modified-Since when the request also
     * has If-None-Match (RFC 9110 section 13.1.3).
     */
    public static boolean notModifiedSince(String ifModifiedSinceHeader, Instant lastModified) {
        if (lastModified == null) return false;
        Instant truncated = lastModified.truncatedTo(ChronoUnit.SECONDS);
        return parseHttpDate(ifModifiedSinceHeader)
                .map(since -> !truncated.isAfter(since))
                .orElse(false);
    }

    /**
     * {@code "post-1-v3.5f2a"} without its embedded digest: {@code "post-1-v3"}; other tags as they
     * are.
     */
    static String ownPart(String tag) {
        int dot = tag.indexOf('.');
        return dot < 0 || !tag.endsWith("\"") ? tag : tag.substring(0, dot) + '"';
    }

    private static boolean isWeak(String tag) {
        return tag.startsWith(WEAK_PREFIX);
    }

    private static String opaque(String tag) {
        return isWeak(tag) ? tag.substring(WEAK_PREFIX.length()) : tag;
    }

    private static boolean isVersion(String tag, long version) {
        if (isWeak(tag)) return false;
        String digits =
                tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
                        ? tag.substring(1, tag.length() - 1)
                        : tag;
        if (digits.isEmpty() || digits.length() > MAX_VERSION_DIGITS) return false;
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') return false;
        }
        return Long.parseLong(digits) == version;
    }

    // etagc = %x21 / %x23-7E / obs-text, between the quotes.
    private static boolean isOpaqueTag(String quoted) {
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (!(c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF))) return false;
        }
        return true;
    }

    private static boolean isBareToken(String token) {
        if (token.isEmpty()) return false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c == '"' || c == 0x7F) return false;
        }
        return true;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipOws(String s, int from) {
        int i = from;
        while (i < s.length() && isOws(s.charAt(i))) i++;
        return i;
    }

    private static int nextComma(String s, int from) {
        int comma = s.indexOf(',', from);
        return comma < 0 ? s.length() : comma;
    }
}
