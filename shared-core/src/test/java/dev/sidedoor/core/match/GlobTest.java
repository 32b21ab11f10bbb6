package dev.sidedoor.core.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cases from the two former copies (the Sigma engine's, written with {@link #eq}, and the tuning file's, written
 * with {@link #m}) plus the options only one of them had (modes, case sensitivity, windash).
 */
class GlobTest {

    /** The Sigma engine's plain string value: whole value, case-insensitive, no windash. */
    private static boolean eq(String pattern, String value) {
        return Glob.compile(pattern, Glob.Mode.EQUALS, false, false).matches(value);
    }

    /** The tuning file's glob: the default. */
    static boolean m(String pattern, String text) {
        return Glob.compile(pattern).matches(text);
    }

    // ---- from the Sigma engine ------------------------------------------------------------------------------------

    @Test
    void anchoringAndStars() {
        assertTrue(eq("", ""));
        assertFalse(eq("", "x"));
        assertTrue(eq("*", ""));
        assertTrue(eq("**", "anything"));
        assertTrue(eq("a*", "abc"));
        assertFalse(eq("a*", "ba"));
        assertTrue(eq("*c", "abc"));
        assertFalse(eq("*c", "cb"));
        assertTrue(eq("a*a", "aa"));
        assertFalse(eq("a*a", "a"));
        assertTrue(eq("a*b*c", "aXbYbZc"));
        assertFalse(eq("a*b*c", "aXcYb"));
        assertTrue(eq("*ab*ab*", "xxabyyab"));
        assertFalse(eq("*ab*ab*", "xxaba"));
        assertTrue(eq("?", "x"));
        assertFalse(eq("?", ""));
        assertTrue(eq("*??*", "ab"));
        assertFalse(eq("*??*", "a"));
    }

    @Test
    void leftmostPlacementIsNeverWrong() {
        // Brute-force cross-check against java.util.regex on small alphabets.
        String[] patterns = {"a*b", "*ab*", "a?*b", "*a*a*", "?*?", "ab*ba", "*b?a*", "a**b?"};
        String alphabet = "ab";
        for (String p : patterns) {
            String regex = p.replace("?", ".").replace("*", ".*");
            for (int len = 0; len <= 6; len++) {
                for (int bits = 0; bits < (1 << len); bits++) {
                    StringBuilder s = new StringBuilder();
                    for (int i = 0; i < len; i++) {
                        s.append(alphabet.charAt((bits >> i) & 1));
                    }
                    assertEquals(s.toString().matches(regex), eq(p, s.toString()), p + " vs " + s);
                }
            }
        }
    }

    @Test
    void escapesAndLiteralMode() {
        assertTrue(eq("\\*", "*"));
        assertFalse(eq("\\*", "x"));
        assertTrue(eq("\\\\", "\\"));
        assertTrue(eq("a\\b", "a\\b"));
        assertTrue(eq("trailing\\", "trailing\\"));
        assertTrue(Glob.literal("a*b", Glob.Mode.EQUALS, false).matches("A*B"));
        assertFalse(Glob.literal("a*b", Glob.Mode.EQUALS, false).matches("axb"));
        assertTrue(Glob.hasWildcards("a*"));
        assertFalse(Glob.hasWildcards("a\\*\\?"));
        assertEquals("a*?\\", Glob.unescape("a\\*\\?\\\\"));
    }

    // ---- from the tuning file -------------------------------------------------------------------------------------

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

    // ---- options ----------------------------------------------------------------------------------------------------

    @Test
    void modesAddStars() {
        assertTrue(Glob.compile("b?d", Glob.Mode.CONTAINS, false, false).matches("aBcDe"));
        assertFalse(Glob.compile("b?d", Glob.Mode.CONTAINS, false, false).matches("aBDe"));
        assertTrue(Glob.compile("ab", Glob.Mode.STARTSWITH, false, false).matches("ABc"));
        assertFalse(Glob.compile("ab", Glob.Mode.STARTSWITH, false, false).matches("cab"));
        assertTrue(Glob.compile("ab", Glob.Mode.ENDSWITH, false, false).matches("cAB"));
        assertFalse(Glob.compile("ab", Glob.Mode.ENDSWITH, false, false).matches("abc"));
        assertTrue(Glob.literal("*", Glob.Mode.CONTAINS, true).matches("a*b"));
        assertFalse(Glob.literal("*", Glob.Mode.CONTAINS, true).matches("ab"));
        assertTrue(Glob.compile("", Glob.Mode.CONTAINS, false, false).matchesEverything());
        assertTrue(Glob.compile("**").matchesEverything());
        assertFalse(Glob.compile("*a*").matchesEverything());
        assertEquals("a\\*b", Glob.compile("a\\*b", Glob.Mode.CONTAINS, false, false).pattern());
        assertEquals("a\\*b", Glob.compile("a\\*b").toString());
    }

    @Test
    void caseSensitiveComparesExactly() {
        Glob exact = Glob.compile("Start*Session", Glob.Mode.EQUALS, true, false);
        assertTrue(exact.matches("StartSSMSession"));
        assertFalse(exact.matches("startSSMSession"));
        Glob inside = Glob.compile("Session", Glob.Mode.CONTAINS, true, false);
        assertTrue(inside.matches("xxSessionyy"));
        assertFalse(inside.matches("xxsessionyy"), "the shift-and search must not fold either");
        assertTrue(Glob.literal("AbC", Glob.Mode.EQUALS, true).matches("AbC"));
        assertFalse(Glob.literal("AbC", Glob.Mode.EQUALS, true).matches("abc"));
    }

    @Test
    void windashMatchesEveryFlagCharacterInAnchoredAndSearchedSegments() {
        Glob anchored = Glob.compile("-enc", Glob.Mode.EQUALS, false, true);
        Glob searched = Glob.compile(" -enc ", Glob.Mode.CONTAINS, false, true);
        for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
            assertTrue(anchored.matches(dash + "ENC"), dash);
            assertTrue(searched.matches("powershell " + dash + "Enc AAA"), dash);
        }
        assertFalse(anchored.matches("+enc"));
        assertFalse(searched.matches("powershell +enc AAA"));
        assertFalse(Glob.compile("a-b", Glob.Mode.EQUALS, false, true).matches("a/b"), "inner dashes stay literal");
        assertFalse(Glob.compile("-enc", Glob.Mode.EQUALS, false, false).matches("/enc"), "only with windash");
    }

    @Test
    void optionsAgreeWithAReferenceMatcherOnRandomInputs() {
        // Exercises the shift-and search (floating segments) with case sensitivity and the dash class.
        Random r = new Random(7);
        char[] patternChars = {'a', 'B', '-', '?', '*', ' '};
        char[] textChars = {'a', 'A', 'b', 'B', '-', '/', '\u2014', ' '};
        for (int run = 0; run < 20000; run++) {
            boolean cased = r.nextBoolean();
            boolean windash = r.nextBoolean();
            Glob.Mode mode = Glob.Mode.values()[r.nextInt(4)];
            StringBuilder p = new StringBuilder();
            int pl = r.nextInt(run % 50 == 0 ? 100 : 8);
            for (int i = 0; i < pl; i++) {
                p.append(patternChars[r.nextInt(patternChars.length)]);
            }
            StringBuilder t = new StringBuilder();
            int tl = r.nextInt(run % 50 == 0 ? 200 : 14);
            for (int i = 0; i < tl; i++) {
                t.append(textChars[r.nextInt(textChars.length)]);
            }
            String pattern = p.toString();
            String text = t.toString();
            String full = switch (mode) {
                case EQUALS -> pattern;
                case CONTAINS -> "*" + pattern + "*";
                case STARTSWITH -> pattern + "*";
                case ENDSWITH -> "*" + pattern;
            };
            boolean[] dash = new boolean[full.length()];
            if (windash) {
                for (int i = 0; i < full.length(); i++) {
                    boolean before = i > 0 && Character.isLetterOrDigit(full.charAt(i - 1));
                    boolean after = i + 1 < full.length() && Character.isLetterOrDigit(full.charAt(i + 1));
                    dash[i] = full.charAt(i) == '-' && !before && after;
                }
            }
            boolean expected = reference(full, text, cased, dash);
            assertEquals(expected, Glob.compile(pattern, mode, cased, windash).matches(text),
                    pattern + " " + mode + (cased ? " cased" : "") + (windash ? " windash" : "") + " vs " + text);
        }
    }

    /** The reference for the default glob: case-insensitive, no dash class. */
    static boolean reference(String p, String t) {
        return reference(p, t, false, new boolean[p.length()]);
    }

    /**
     * Textbook dynamic programming, fine for short test strings; a pattern without escapes, with a case switch and
     * the positions that are a windash class.
     */
    static boolean reference(String p, String t, boolean cased, boolean[] dash) {
        boolean[][] d = new boolean[p.length() + 1][t.length() + 1];
        d[0][0] = true;
        for (int i = 1; i <= p.length(); i++) {
            char c = p.charAt(i - 1);
            d[i][0] = c == '*' && d[i - 1][0];
            for (int j = 1; j <= t.length(); j++) {
                char x = t.charAt(j - 1);
                boolean one;
                if (dash[i - 1]) {
                    one = "-/\u2013\u2014\u2015".indexOf(x) >= 0;
                } else {
                    one = c == '?' || (cased ? c == x : Character.toLowerCase(c) == Character.toLowerCase(x));
                }
                d[i][j] = c == '*' ? d[i - 1][j] || d[i][j - 1] : d[i - 1][j - 1] && one;
            }
        }
        return d[p.length()][t.length()];
    }
}
