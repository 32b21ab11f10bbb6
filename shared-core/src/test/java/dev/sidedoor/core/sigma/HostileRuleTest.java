package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule text is as untrusted as record text (a rules directory may be anyone's pull request). Rules built to exhaust
 * the stack or the heap while loading must fail at load like any broken rule, naming file and line, never with an
 * Error; errors must not echo megabytes of rule text back.
 */
class HostileRuleTest {

    /** Line 6 of {@link #rule}: the condition. */
    private static final int CONDITION_LINE = 6;
    /** Line 5 of {@link #rule}: the value under {@code v}. */
    private static final int VALUE_LINE = 5;

    private static String rule(String key, String value, String condition) {
        return "title: hostile\nlogsource:\n    product: test\ndetection:\n    sel: {" + key + ": '" + value
                + "'}\n    condition: " + condition + "\n";
    }

    private static SigmaException loadError(String yaml) {
        return assertThrows(SigmaException.class, () -> SigmaParser.parse(yaml, "hostile.yml"));
    }

    private static void assertAt(SigmaException e, int line, String fragment) {
        assertEquals("hostile.yml", e.source(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("hostile.yml:" + line + ": "), e.getMessage());
        assertTrue(e.reason().contains(fragment), "expected '" + fragment + "' in: " + e.reason());
        assertTrue(e.getMessage().length() < 2 * SigmaException.MAX_REASON, "clipped: " + e.getMessage().length());
    }

    @Test
    void fiveThousandParenthesesFailAtLoad() {
        String deep = "(".repeat(5000) + "sel" + ")".repeat(5000);
        assertAt(loadError(rule("v", "x", deep)), CONDITION_LINE, "limit " + ConditionParser.MAX_LENGTH);
    }

    @Test
    void parenthesesDeeperThanTheLimitFailWithinTheLengthLimit() {
        int over = ConditionParser.MAX_DEPTH + 1;
        String deep = "(".repeat(over) + "sel" + ")".repeat(over);
        assertAt(loadError(rule("v", "x", deep)), CONDITION_LINE,
                "'(' at position " + over + " nests deeper than " + ConditionParser.MAX_DEPTH);

        int max = ConditionParser.MAX_DEPTH;
        SigmaRule atLimit = TestRules.rule(rule("v", "x", "(".repeat(max) + "sel" + ")".repeat(max)));
        assertTrue(TestRules.matches(atLimit, "{\"v\": \"x\"}"));
    }

    @Test
    void fiftyThousandNotsFailAtLoad() {
        assertAt(loadError(rule("v", "x", "not ".repeat(50_000) + "sel")), CONDITION_LINE, "characters long");

        String tooMany = "not ".repeat(ConditionParser.MAX_DEPTH + 1) + "sel";
        assertAt(loadError(rule("v", "x", tooMany)), CONDITION_LINE, "'not' at position "
                + (4 * ConditionParser.MAX_DEPTH + 1) + " nests deeper than " + ConditionParser.MAX_DEPTH);

        // Mixed: parentheses and 'not' count together.
        int half = ConditionParser.MAX_DEPTH / 2 + 1;
        String mixed = "(not ".repeat(half) + "sel" + ")".repeat(half);
        assertAt(loadError(rule("v", "x", mixed)), CONDITION_LINE, "nests deeper than");

        SigmaRule even = TestRules.rule(rule("v", "x", "not ".repeat(ConditionParser.MAX_DEPTH) + "sel"));
        assertTrue(TestRules.matches(even, "{\"v\": \"x\"}"));
    }

    @Test
    void conditionErrorsClipTheTokenTheyQuote() {
        String name = "x".repeat(3000);
        SigmaException e = loadError(rule("v", "x", "sel or " + name));
        assertAt(e, CONDITION_LINE, "undefined search identifier 'xxx");
        assertTrue(e.reason().length() < 400, e.reason());
    }

    @Test
    void yamlNestingBombsNameALine() {
        SigmaException flow = loadError("title: t\nx: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        assertAt(flow, 2, "Nesting Depth exceeded");

        SigmaException maps = loadError("title: t\nx: " + "{a: ".repeat(100_000) + "}".repeat(100_000) + "\n");
        assertAt(maps, 2, "Nesting Depth exceeded");

        StringBuilder block = new StringBuilder("title: t\nx:\n");
        for (int i = 0; i < 200; i++) {
            block.append(" ".repeat(i)).append("- \n");
        }
        assertAt(loadError(block.toString()), 43, "Nesting Depth exceeded");
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.yml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(SigmaParser.MAX_FILE_BYTES + 1); // sparse: nothing is written
        }
        SigmaException e = assertThrows(SigmaException.class, () -> SigmaParser.parse(huge));
        assertEquals(huge.toString(), e.source());
        assertTrue(e.reason().contains("rule files are limited to"), e.reason());
    }
}
