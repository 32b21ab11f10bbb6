package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {

    private static boolean eq(String pattern, String value) {
        return Glob.sigma(pattern, Glob.Mode.EQUALS, false, false).matches(value);
    }

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
}
