package io.ansaf.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns titles into URL slugs and checks slugs supplied by clients. Slugs are restricted to
 * lowercase ASCII letters, digits and single inner hyphens so that they read well in any URL,
 * never need percent-encoding, and compare equal exactly when they look equal, which keeps the
 * unique-slug rule in the database meaningful.
 */
public final class Slugs {
    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Slugs() {}

    /**
     * Makes a slug of at most {@code maxLength} characters from free text, folding accented and
     * other Latin letters to ASCII. Returns {@code ""} when nothing usable is left (a title of only
     * emoji or CJK characters, or {@code null}), so the caller can substitute its own fallback.
     */
    public static String slugify(String text, int maxLength) {
        requirePositive(maxLength);
        if (text == null) return "";
        String folded = COMBINING_MARKS.matcher(Normalizer.normalize(foldSpecialLetters(text), Normalizer.Form.NFKD))
                .replaceAll("");
        String slug = trimHyphens(NOT_ALNUM.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("-"));
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
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for suffix " + suffix);
        }
        String head = trimHyphens(cap(base, maxLength - suffix.length()));
        // An empty head would leave a slug starting with a hyphen; the bare number is still valid.
        return head.isEmpty() ? String.valueOf(n) : head + suffix;
    }

    /** Whether {@code slug} is 1 to {@code maxLength} lowercase letters or digits in hyphen-separated groups. */
    public static boolean isValid(String slug, int maxLength) {
        return slug != null && !slug.isEmpty() && slug.length() <= maxLength && VALID.matcher(slug).matches();
    }

    // Letters that NFKD leaves alone because they are not a base letter plus a mark.
    private static String foldSpecialLetters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'ß' -> out.append("ss");
                case 'ẞ' -> out.append("SS");
                case 'æ' -> out.append("ae");
                case 'Æ' -> out.append("AE");
                case 'ø' -> out.append('o');
                case 'Ø' -> out.append('O');
                case 'đ', 'ð' -> out.append('d');
                case 'Đ', 'Ð' -> out.append('D');
                case 'ł' -> out.append('l');
                case 'Ł' -> out.append('L');
                case 'œ' -> out.append("oe");
                case 'Œ' -> out.append("OE");
                case 'þ' -> out.append("th");
                case 'Þ' -> out.append("TH");
                case 'ı' -> out.append('i');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String cap(String slug, int maxLength) {
        if (slug.length() <= maxLength) return slug;
        // Cutting may land just after a hyphen; strip it rather than end the slug with one.
        return trimHyphens(slug.substring(0, maxLength));
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') start++;
        while (end > start && s.charAt(end - 1) == '-') end--;
        return s.substring(start, end);
    }

    private static void requirePositive(int maxLength) {
        if (maxLength < 1) throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
    }
}
