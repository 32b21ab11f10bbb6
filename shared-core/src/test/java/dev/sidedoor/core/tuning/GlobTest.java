package dev.sidedoor.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobTest {

    static boolean m(String pattern, String text) {
        return Glob.compile(pattern).matches(text);
    }

    @Test
    void literalsMatchWholeValueIgnoringCase() {
        assertTrue(m("SendCommand", "sendcommand"));
        assertTrue(m("", ""));
        assertFalse(m("SendCommand", "SendCommands"));
        assertFalse(m("SendCommand", "xSendCommand"));
        assertFalse(m("abc", null));
        assertTrue(m("ÄRGER", "ärger"));
    }

    @Test
    void starAndQuestionMark() {
        assertTrue(m("*", ""));
        assertTrue(m("**", "anything"));
        assertTrue(m("a*", "a"));
        assertTrue(m("*a", "a"));
        assertFalse(m("a*a", "a"));
        assertTrue(m("a*a", "aa"));
        assertTrue(m("i-0db*", "i-0DB123"));
        assertFalse(m("i-0db*", "xi-0db123"));
        assertTrue(m("*role/PatchRole/*", "arn:aws:sts::1:assumed-role/PatchRole/s"));
        assertFalse(m("*role/PatchRole/*", "arn:aws:sts::1:assumed-role/PatchRoleAdmin/s"));
        assertTrue(m("a?c", "abc"));
        assertFalse(m("a?c", "ac"));
        assertFalse(m("a?c", "abbc"));
        assertTrue(m("*b?d*f", "xxbcdyyf"));
        assertTrue(m("a*b*c*d", "a-b-c-b-c-d"));
        assertFalse(m("a*b*c*d", "a-c-b-d"));
    }

    @Test
    void escapes() {
        assertTrue(m("a\\*b", "a*b"));
        assertFalse(m("a\\*b", "axxb"));
        assertTrue(m("a\\?b", "a?b"));
        assertFalse(m("a\\?b", "axb"));
        assertTrue(m("C:\\Windows\\sys*", "c:\\windows\\system32"), "other backslashes are literal");
        assertFalse(m("C:\\Windows\\*", "c:\\windows\\system32"), "a backslash before * escapes it");
        assertTrue(m("C:\\Windows\\\\*", "c:\\windows\\system32"), "\\\\ then * is a backslash and a star");
        assertTrue(m("a\\\\*", "a\\anything"));
        assertFalse(Glob.hasWildcards("a\\*b"));
        assertTrue(Glob.hasWildcards("a\\\\*b"));
    }

    @Test
    void longSegmentsSpanningSeveralWords() {
        String seg = "x".repeat(70) + "?" + "y".repeat(70);
        String text = "pre" + "x".repeat(69) + "y" + "x".repeat(70) + "Z" + "y".repeat(70) + "post";
        assertTrue(m("pre*" + seg + "*post", text));
        assertFalse(m("pre*" + seg + "*post", "pre" + "x".repeat(70) + "Z" + "y".repeat(69) + "post"));
    }

    @Test
    void agreesWithAReferenceMatcherOnRandomInputs() {
        Random r = new Random(20261120);
        char[] patternChars = {'a', 'b', 'A', '?', '*'};
        for (int run = 0; run < 20000; run++) {
            StringBuilder p = new StringBuilder();
            int pl = r.nextInt(run % 50 == 0 ? 150 : 9);
            for (int i = 0; i < pl; i++) {
                p.append(patternChars[r.nextInt(patternChars.length)]);
            }
            StringBuilder t = new StringBuilder();
            int tl = r.nextInt(run % 50 == 0 ? 300 : 14);
            for (int i = 0; i < tl; i++) {
                t.append(r.nextBoolean() ? 'a' : 'b');
            }
            assertEquals(reference(p.toString(), t.toString()), m(p.toString(), t.toString()), p + " vs " + t);
        }
    }

    /** Textbook dynamic programming, fine for short test strings. */
    static boolean reference(String p, String t) {
        p = p.toLowerCase();
        t = t.toLowerCase();
        boolean[][] d = new boolean[p.length() + 1][t.length() + 1];
        d[0][0] = true;
        for (int i = 1; i <= p.length(); i++) {
            char c = p.charAt(i - 1);
            d[i][0] = c == '*' && d[i - 1][0];
            for (int j = 1; j <= t.length(); j++) {
                if (c == '*') {
                    d[i][j] = d[i - 1][j] || d[i][j - 1];
                } else {
                    d[i][j] = d[i - 1][j - 1] && (c == '?' || c == t.charAt(j - 1));
                }
            }
        }
        return d[p.length()][t.length()];
    }
}
