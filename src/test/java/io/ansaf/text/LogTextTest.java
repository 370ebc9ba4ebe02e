package io.ansaf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void lineBreaksAndControlCharacters_cannotForgeALogLine() {
        assertEquals("'admin\\u000a[SEVERE] forged'", LogText.quote("admin\n[SEVERE] forged"));
        assertEquals("'a\\u000db\\u0000c\\u2028d'", LogText.quote("a\rb\u0000c\u2028d"));
        assertEquals("'it\\'s \\\\ fine'", LogText.quote("it's \\ fine"));
    }

    @Test
    void longInput_isCut() {
        String quoted = LogText.quote("x".repeat(5000));
        assertTrue(quoted.length() < 110, quoted);
        assertTrue(quoted.endsWith("...'"));
        assertEquals("null", LogText.quote(null));
    }
}
