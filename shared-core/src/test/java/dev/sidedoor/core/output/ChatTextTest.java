package dev.sidedoor.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChatTextTest {

    @Test
    void mentionsAndLinksCannotSurviveInACodeSpan() {
        String out = ChatText.code("<!channel> <https://evil.example|click me> @here", 200);
        assertEquals("`&lt;!channel&gt; &lt;https://evil.example|click me&gt; @here`", out);
        assertFalse(out.contains("<"));
    }

    @Test
    void aBacktickCannotCloseTheSpanEarly() {
        String out = ChatText.code("x` *bold* [a](https://evil) `", 200);
        assertEquals(2, out.chars().filter(c -> c == '`').count(), out);
        assertTrue(out.startsWith("`") && out.endsWith("`"));
    }

    @Test
    void lineBreaksAreFoldedAndControlAndBidiCharactersDropped() {
        String out = ChatText.code("line1\n\r\n*Severity:* critical\u2028x\u202Eevil\u0007", 200);
        assertEquals("`line1 *Severity:* critical xevil`", out);
    }

    @Test
    void lengthIsCappedWithAnEllipsis() {
        String out = ChatText.code("a".repeat(5000), 100);
        assertEquals(100 + 2 + 1, out.length());
        assertTrue(out.endsWith("\u2026`"));
    }

    @Test
    void absentValuesShowAsADash() {
        assertEquals("-", ChatText.code(null, 10));
        assertEquals("-", ChatText.code("  ", 10));
    }

    @Test
    void plainTextLosesMarkdownLinksMentionsAndEmoji() {
        String out = ChatText.plain("*x* _y_ ~z~ [l](https://e) <!here> @channel :skull: `c` | #h", 200);
        for (String bad : new String[] {"*", "_", "~", "[", "]", "<", ">", "@", "`", "|", "#", "://", ":skull:"}) {
            assertFalse(out.contains(bad), bad + " in " + out);
        }
    }
}
