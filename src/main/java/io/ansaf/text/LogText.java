package io.ansaf.text;

/**
 * User input as it may appear in a log line: quoted, with control characters (line breaks above
 * all, which would let a username forge log lines) escaped, and cut at 100 characters.
 */
public final class LogText {
    private static final int MAX = 100;

    private LogText() {}

    public static String quote(String input) {
        if (input == null) return "null";
        StringBuilder b = new StringBuilder("'");
        input.codePoints()
                .limit(MAX)
                .forEach(
                        c -> {
                            if (c == '\'' || c == '\\') b.append('\\').appendCodePoint(c);
                            else if (Character.isISOControl(c)
                                    || Character.getType(c) == Character.LINE_SEPARATOR
                                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)
                                b.append(String.format("\\u%04x", c));
                            else b.appendCodePoint(c);
                        });
        if (input.codePointCount(0, input.length()) > MAX) b.append("...");
        return b.append('\'').toString();
    }
}
