package io.ansaf.text;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.PolicyFactory;

/**
 * Cleans user-supplied HTML before it is stored, with one allow-list per kind of text: {@link
 * #rich} for post and page bodies, {@link #strict} for comments and {@link #plainText} for titles
 * and excerpts. Sanitising on input, with the OWASP allow-list sanitizer rather than our own
 * filtering, means every reader of the API gets markup that is safe to embed as it is, and that no
 * rule about which tags are dangerous has to be repeated elsewhere.
 */
public final class HtmlSanitizer {
    private static final Pattern LANGUAGE_CLASS = Pattern.compile("language-[a-z0-9+#-]+");
    private static final Pattern SMALL_NUMBER = Pattern.compile("[0-9]{1,4}");
    private static final Pattern SPAN_COUNT = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    // Something the HTML lexer would read as the start of a tag, comment or processing instruction.
    private static final Pattern TAG_LIKE = Pattern.compile("<[a-zA-Z/!?]");

    // The protocol allow-list still admits relative URLs; images must be absolute so that an
    // author cannot make readers' browsers request an arbitrary path on our own origin.
    private static final Predicate<String> ABSOLUTE_HTTP =
            v -> startsWithIgnoreCase(v, "http://") || startsWithIgnoreCase(v, "https://");
    private static final Predicate<String> ABSOLUTE_LINK =
            ABSOLUTE_HTTP.or(v -> startsWithIgnoreCase(v, "mailto:"));

    private static final PolicyFactory RICH =
            new HtmlPolicyBuilder()
                    .allowElements(
                            "h1",
                            "h2",
                            "h3",
                            "h4",
                            "h5",
                            "h6",
                            "p",
                            "br",
                            "hr",
                            "div",
                            "span",
                            "ul",
                            "ol",
                            "li",
                            "dl",
                            "dt",
                            "dd",
                            "strong",
                            "b",
                            "em",
                            "i",
                            "u",
                            "s",
                            "sub",
                            "sup",
                            "mark",
                            "small",
                            "code",
                            "pre",
                            "blockquote",
                            "table",
                            "thead",
                            "tbody",
                            "tfoot",
                            "tr",
                            "th",
                            "td",
                            "caption",
                            "a")
                    .allowElements(HtmlSanitizer::requireSrc, "img")
                    // No span attribute is allowed, and by default the sanitizer drops a span left
                    // without any.
                    .allowWithoutAttributes("span")
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowAttributes("href")
                    .onElements("a")
                    .allowAttributes("src")
                    .matching(ABSOLUTE_HTTP)
                    .onElements("img")
                    .allowAttributes("alt", "title")
                    .onElements("img")
                    .allowAttributes("width", "height")
                    .matching(SMALL_NUMBER)
                    .onElements("img")
                    .allowAttributes("colspan", "rowspan")
                    .matching(SPAN_COUNT)
                    .onElements("th", "td")
                    // Only the class a syntax highlighter looks for, so authors cannot borrow our
                    // page styles.
                    .allowAttributes("class")
                    .matching(LANGUAGE_CLASS)
                    .onElements("code", "pre")
                    // No target is allowed, so links never open a window that could reach back via
                    // opener.
                    .requireRelsOnLinks("nofollow", "noopener")
                    .toFactory();

    private static final PolicyFactory STRICT =
            new HtmlPolicyBuilder()
                    .allowElements("p", "br", "strong", "b", "em", "i", "code", "a")
                    .allowUrlProtocols("http", "https", "mailto")
                    // Comments link out only; a relative link in a comment would look like one of
                    // ours.
                    .allowAttributes("href")
                    .matching(ABSOLUTE_LINK)
                    .onElements("a")
                    .requireRelsOnLinks("nofollow", "noopener")
                    .toFactory();

    // Elements whose boundaries separate words: without a space "<p>a</p><p>b</p>" would read "ab".
    private static final String[] WORD_BREAKING = {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul"
    };
    // Only word-breaking elements reach the text collector; every other tag vanishes without a
    // trace.
    private static final PolicyFactory PLAIN =
            new HtmlPolicyBuilder().allowElements(WORD_BREAKING).toFactory();
    private static final int MAX_PLAIN_TEXT_PASSES = 4;

    private HtmlSanitizer() {}

    /** Sanitises a post or page body: structure, tables, code, images and links, nothing active. */
    public static String rich(String html) {
        return html == null ? null : RICH.sanitize(html);
    }

    /** Sanitises a comment: paragraphs, emphasis, inline code and outbound links only. */
    public static String strict(String html) {
        return html == null ? null : STRICT.sanitize(html);
    }

    /**
     * Reduces markup to plain text for titles and excerpts: tags are removed (the content of
     * script, style and similar elements with them), entities are decoded and whitespace runs
     * collapse to one space. The result is text, not HTML, so whoever renders it must still escape
     * it. Text that only becomes a tag once decoded ({@code &lt;b&gt;}) is stripped as well, so
     * that no tag survives even for a renderer that forgets to escape.
     */
    public static String plainText(String s) {
        if (s == null) return null;
        String text = s;
        for (int pass = 0; pass < MAX_PLAIN_TEXT_PASSES; pass++) {
            String next = extractText(text);
            boolean stable = next.equals(text);
            text = next;
            if (stable || !TAG_LIKE.matcher(text).find()) break;
        }
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /**
     * The text a reader of sanitized markup ({@link #rich}) sees: tags removed, entities decoded
     * once, whitespace runs collapsed. Unlike {@link #plainText} it keeps text that looks like a
     * tag ({@code &lt;b&gt;} becomes {@code <b>}): it is for search, which escapes what it shows.
     */
    public static String textOf(String html) {
        if (html == null) return "";
        return WHITESPACE.matcher(extractText(html)).replaceAll(" ").strip();
    }

    private static String extractText(String html) {
        StringBuilder out = new StringBuilder(html.length());
        HtmlStreamEventReceiver collector =
                new HtmlStreamEventReceiver() {
                    @Override
                    public void openDocument() {}

                    @Override
                    public void closeDocument() {}

                    @Override
                    public void openTag(String name, List<String> attrs) {
                        out.append(' ');
                    }

                    @Override
                    public void closeTag(String name) {
                        out.append(' ');
                    }

                    // The sanitizer hands over text already entity-decoded.
                    @Override
                    public void text(String text) {
                        out.append(text);
                    }
                };
        // Fully qualified: the library's driver class shares this class's simple name.
        org.owasp.html.HtmlSanitizer.sanitize(html, PLAIN.apply(collector));
        return out.toString();
    }

    // Runs after the attribute policies, so a rejected src leaves an image with only alt text,
    // which
    // would render as a broken-image icon; drop such an image altogether.
    private static String requireSrc(String element, List<String> attrs) {
        for (int i = 0; i < attrs.size(); i += 2) {
            if (attrs.get(i).equals("src")) return element;
        }
        return null;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
