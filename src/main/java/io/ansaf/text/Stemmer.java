package io.ansaf.text;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tartarus.snowball.SnowballStemmer;

/**
 * A word's stem in a text-search language, by the Snowball algorithms PostgreSQL's text search uses
 * for the same names ({@code english}, {@code german}, ...; {@code simple} keeps words as they
 * are). Lucene ships them as plain classes; nothing else of Lucene is used.
 */
public final class Stemmer {
    private static final Map<String, Stemmer> BY_LANGUAGE = new ConcurrentHashMap<>();

    /** One Snowball stemmer per thread: they keep the word being stemmed in their fields. */
    private final ThreadLocal<SnowballStemmer> snowball;

    private Stemmer(Supplier<SnowballStemmer> make) {
        this.snowball = make == null ? null : ThreadLocal.withInitial(make);
    }

    /** Whether {@code language} is one this class (and so search on H2) knows. */
    public static boolean knows(String language) {
        try {
            of(language);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The stemmer of {@code language}; {@code IllegalArgumentException} for an unknown one. */
    public static Stemmer of(String language) {
        String name = language.toLowerCase(Locale.ROOT).strip();
        return BY_LANGUAGE.computeIfAbsent(name, Stemmer::create);
    }

    private static Stemmer create(String name) {
        if (name.equals("simple")) return new Stemmer(null);
        if (!name.matches("[a-z]{2,20}"))
            throw new IllegalArgumentException("not a text-search language: " + name);
        String cls =
                "org.tartarus.snowball.ext."
                        + Character.toUpperCase(name.charAt(0))
                        + name.substring(1)
                        + "Stemmer";
        try {
            var type = Class.forName(cls).asSubclass(SnowballStemmer.class);
            var constructor = type.getConstructor();
            constructor.newInstance(); // fails here, not on first use
            return new Stemmer(
                    () -> {
                        try {
                            return constructor.newInstance();
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("no Snowball stemmer for " + name, e);
        }
    }

    /** The stem of a lower-case word. */
    public String stem(String word) {
        if (snowball == null) return word;
        SnowballStemmer s = snowball.get();
        s.setCurrent(word);
        s.stem();
        return s.getCurrent();
    }
}
