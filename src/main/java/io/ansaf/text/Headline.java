package io.ansaf.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search result's headline: a short passage of plain text around the first word the query looks
 * for, with every such word wrapped in {@code <mark>} and everything else HTML-escaped, so that it
 * can be shown as markup without letting anything of the content become markup.
 */
public final class Headline {
    static final int WORDS_BEFORE = 8;
    static final int WORDS = 30;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private Headline() {}

    /**
     * The headline from the first of {@code texts} (body text, excerpt, title) that holds a word of
     * {@code stems}; else the start of the first that is not empty.
     */
    public static String of(List<String> texts, Set<String> stems, Stemmer stemmer) {
        String fallback = null;
        for (String text : texts) {
            if (text == null || text.isBlank()) continue;
            if (fallback == null) fallback = text;
            String h = around(text, stems, stemmer, true);
            if (h != null) return h;
        }
        return fallback == null ? "" : around(fallback, stems, stemmer, false);
    }

    private static String around(String text, Set<String> stems, Stemmer stemmer, boolean need) {
        List<int[]> words = new ArrayList<>();
        List<Boolean> marked = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        int first = -1;
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            boolean hit = mayStemTo(word, stems) && stems.contains(stemmer.stem(word));
            if (hit && first < 0) first = words.size();
            words.add(new int[] {m.start(), m.end()});
            marked.add(hit);
        }
        if (first < 0) {
            if (need) return null;
            first = 0;
        }
        if (words.isEmpty()) return escape(text.length() > 200 ? text.substring(0, 200) : text);
        int from = Math.max(0, first - WORDS_BEFORE);
        int to = Math.min(words.size(), from + WORDS);
        int start = from == 0 ? 0 : words.get(from)[0];
        int end = to == words.size() ? text.length() : words.get(to - 1)[1];
        StringBuilder out = new StringBuilder();
        if (from > 0) out.append("… ");
        int at = start;
        for (int i = from; i < to; i++) {
            int[] w = words.get(i);
            out.append(escape(text.substring(at, w[0])));
            String word = escape(text.substring(w[0], w[1]));
            out.append(marked.get(i) ? "<mark>" + word + "</mark>" : word);
            at = w[1];
        }
        out.append(escape(text.substring(at, end)));
        if (to < words.size()) out.append(" …");
        return out.toString();
    }

    /**
     * Whether {@code word} can stem to one of {@code stems}: Snowball stemmers change only a word's
     * end (a suffix off, a final {@code y} to {@code i}), so its start is the stem's but for the
     * last letter. Checked first, since stemming every word of every body costs more than the rest
     * of a headline.
     */
    static boolean mayStemTo(String word, Set<String> stems) {
        for (String stem : stems) {
            int keep = Math.max(1, stem.length() - 1);
            if (word.length() >= keep && word.regionMatches(0, stem, 0, keep)) return true;
        }
        return false;
    }

    /** HTML-escapes text for element content and attribute values alike. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
