package io.ansaf.text;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns titles into URL slugs and checks slugs supplied by clients. By default ({@link Form#ASCII})
 * a slug is lowercase ASCII letters, digits and single inner hyphens: text in any script is first
 * transliterated to Latin ({@code Привет мир} gives {@code privet-mir}, {@code 你好世界} gives {@code
 * ni-hao-shi-jie}), then folded to ASCII, so slugs read well in any URL, never need
 * percent-encoding, and compare equal exactly when they look equal, which keeps the unique-slug
 * rule in the database meaningful. {@link Form#UNICODE} keeps the letters of every script instead
 * (NFKC, lowercase, hyphens), for sites that want {@code привет-мир} in their URLs.
 */
public final class Slugs {
    /** The two kinds of slug a site can choose ({@code ansaf.slug.unicode}). */
    public enum Form {
        /** Transliterated to Latin, folded to ASCII: {@code [a-z0-9]} groups joined by hyphens. */
        ASCII,
        /**
         * Letters and digits of every script (NFKC, lowercase) joined by hyphens; served
         * percent-encoded.
         */
        UNICODE
    }

    /**
     * What a client-sent slug must look like, in either form: lowercase (or caseless) letters of
     * any script, combining marks and digits, in groups joined by single hyphens. The server then
     * turns it into the site's form ({@link #slugify}), so an Arabic slug is transliterated on an
     * ASCII site. A constant, so that input records can name it in {@code @Pattern}.
     */
    public static final String CLIENT_SHAPE =
            "[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}\\p{Nd}]+(?:-[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}\\p{Nd}]+)*";

    /**
     * The message of a client-sent slug that is not of {@link #CLIENT_SHAPE}, or leaves nothing.
     */
    public static final String INVALID_MESSAGE =
            "Enter a valid slug: lowercase letters, numbers and single hyphens.";

    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern VALID_UNICODE = Pattern.compile(CLIENT_SHAPE);
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    // Invisible format characters (soft hyphen, zero-width joiners, bidi controls): neither part of
    // a word nor a break between words, and never wanted in a URL.
    private static final Pattern FORMAT_CHARS = Pattern.compile("\\p{Cf}+");
    // Modifier letters left by transliteration (Arabic ʿayn and hamza as ʿ and ʾ): part of the
    // word.
    private static final Pattern MODIFIER_LETTERS = Pattern.compile("\\p{Lm}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern NOT_WORD_UNICODE =
            Pattern.compile("[^\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}\\p{Nd}]+");
    private static final Pattern MARKS_AFTER_HYPHEN = Pattern.compile("(^|-)\\p{M}+");

    /*
     * Compiled once, on the first title that is not plain ASCII (a holder class, so a site that
     * never has one never pays): building the compound transliterator takes about a second here,
     * and each script's rules (Han-Latin is the largest, another second) are compiled on first use
     * and cached inside it. One shared instance is safe: ICU documents transliterators as stateless
     * between calls to transliterate(), so "threads may share transliterators without synchronizing
     * them". Checked in ICU4J's source: AnyTransliterator caches per-script transliterators in a
     * ConcurrentHashMap, and RuleBasedTransliterator serialises its rule matching on its rule data,
     * which every clone of it shares anyway (so a ThreadLocal copy would buy no parallelism). What
     * is not thread-safe is changing an instance (setFilter and the like), which nothing here does.
     */
    private static final class Icu {
        static final Transliterator TO_ASCII =
                Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");
    }

    private Slugs() {}

    /**
     * Makes an ASCII slug of at most {@code maxLength} characters from free text in any script.
     * Returns {@code ""} when nothing usable is left (a title of only emoji or punctuation, or
     * {@code null}), so the caller can substitute its own fallback.
     */
    public static String slugify(String text, int maxLength) {
        return slugify(text, maxLength, Form.ASCII);
    }

    /**
     * Makes a slug of the given form of at most {@code maxLength} characters (UTF-16 units, so no
     * more code points either) from free text, or {@code ""} when nothing usable is left.
     */
    public static String slugify(String text, int maxLength, Form form) {
        requirePositive(maxLength);
        if (text == null) return "";
        String s =
                FORMAT_CHARS
                        .matcher(Normalizer.normalize(text, Normalizer.Form.NFKC))
                        .replaceAll("");
        return form == Form.UNICODE ? unicodeSlug(s, maxLength) : asciiSlug(s, maxLength);
    }

    private static String asciiSlug(String nfkc, int maxLength) {
        // Transliterating ASCII changes nothing but case, which is folded below anyway.
        String latin = isAscii(nfkc) ? nfkc : transliterate(nfkc);
        // What transliteration leaves outside ASCII: marks it did not fold, letters it has no rule
        // for.
        String folded =
                COMBINING_MARKS
                        .matcher(Normalizer.normalize(latin, Normalizer.Form.NFKD))
                        .replaceAll("");
        String slug =
                trimHyphens(NOT_ALNUM.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("-"));
        return cap(slug, maxLength);
    }

    /** ICU's Any-Latin; Latin-ASCII; Lower, without the modifier letters it leaves (ʿ, ʾ). */
    static String transliterate(String text) {
        return MODIFIER_LETTERS.matcher(Icu.TO_ASCII.transliterate(text)).replaceAll("");
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    private static String unicodeSlug(String nfkc, int maxLength) {
        // Unicode does not promise that lowercasing keeps a string in NFKC (some mappings give a
        // letter plus a mark, İ gives i and U+0307): normalise again.
        String lower = Normalizer.normalize(nfkc.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        String hyphenated = NOT_WORD_UNICODE.matcher(lower).replaceAll("-");
        // A mark must follow a letter: one left at the start of a word has lost its letter.
        String slug = trimHyphens(MARKS_AFTER_HYPHEN.matcher(hyphenated).replaceAll("$1"));
        return cap(slug, maxLength);
    }

    /**
     * Returns the {@code n}-th candidate for a taken slug: {@code base} itself for 1, otherwise
     * {@code base-n}, with {@code base} shortened so the whole stays within {@code maxLength}.
     */
    public static String withSuffix(String base, int n, int maxLength) {
        requirePositive(maxLength);
        if (n < 1) throw new IllegalArgumentException("n must be at least 1: " + n);
        if (n == 1) return base;
        String suffix = "-" + n;
        if (suffix.length() >= maxLength) {
            throw new IllegalArgumentException(
                    "maxLength " + maxLength + " leaves no room for suffix " + suffix);
        }
        String head = trimHyphens(cap(base, maxLength - suffix.length()));
        // An empty head would leave a slug starting with a hyphen; the bare number is still valid.
        return head.isEmpty() ? String.valueOf(n) : head + suffix;
    }

    /**
     * Whether {@code slug} is 1 to {@code maxLength} lowercase ASCII letters or digits in
     * hyphen-separated groups.
     */
    public static boolean isValid(String slug, int maxLength) {
        return isValid(slug, maxLength, Form.ASCII);
    }

    /**
     * Whether {@code slug} is a slug of the given form of 1 to {@code maxLength} characters. A
     * Unicode slug must also be in NFKC, as {@link #slugify} makes them, so that two slugs that
     * look the same are the same.
     */
    public static boolean isValid(String slug, int maxLength, Form form) {
        if (slug == null || slug.isEmpty() || slug.length() > maxLength) return false;
        if (form == Form.ASCII) return VALID.matcher(slug).matches();
        return VALID_UNICODE.matcher(slug).matches()
                && Normalizer.isNormalized(slug, Normalizer.Form.NFKC);
    }

    private static String cap(String slug, int maxLength) {
        if (slug.length() <= maxLength) return slug;
        int end = maxLength;
        // Never cut a surrogate pair, nor a letter from its combining marks (Devanagari vowel
        // signs):
        // move back to the start of the letter instead.
        while (end > 0
                && (Character.isLowSurrogate(slug.charAt(end)) || isMark(slug.codePointAt(end))))
            end--;
        // Cutting may land just after a hyphen; strip it rather than end the slug with one.
        return trimHyphens(slug.substring(0, end));
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') start++;
        while (end > start && s.charAt(end - 1) == '-') end--;
        return s.substring(start, end);
    }

    private static void requirePositive(int maxLength) {
        if (maxLength < 1)
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
    }
}
