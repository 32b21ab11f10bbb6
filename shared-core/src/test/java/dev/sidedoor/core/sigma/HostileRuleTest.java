package dev.sidedoor.core.sigma;

import static dev.sidedoor.core.sigma.TestRules.detection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
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
    void nestedCountedRepetitionFailsAtLoadBeforeCompiling() {
        assertAt(loadError(rule("v|re", "(?:(?:a{1000}){1000}){1000}", "sel")), VALUE_LINE,
                "regex too large: nested repetition {1000}{1000} expands to about 1,000,000 states (limit 10,000)");
        assertAt(loadError(rule("v|re", "(?:a{1000}){1000}", "sel")), VALUE_LINE, "{1000}{1000}");
        assertAt(loadError(rule("v|re", "(?:a{100}){100}", "sel")), VALUE_LINE, "10,002 states");
        assertAt(loadError(rule("v|re", "x{10000}", "sel")), VALUE_LINE, "repetition {10000} expands");
        assertAt(loadError(rule("v|re", "a".repeat(20_000), "sel")), VALUE_LINE, "regex too large");
    }

    @Test
    void deeplyNestedGroupsFailAtLoad() {
        int depth = RegexCost.MAX_GROUP_DEPTH + 1;
        assertAt(loadError(rule("v|re", "(".repeat(depth) + "a" + ")".repeat(depth), "sel")), VALUE_LINE,
                "regex nests groups more than " + RegexCost.MAX_GROUP_DEPTH + " deep");
        assertAt(loadError(rule("v|re", "(?:".repeat(50_000) + "a" + ")".repeat(50_000), "sel")), VALUE_LINE,
                "nests groups");
    }

    @Test
    void aRulesRegexesShareOneLimit() {
        String big = "(?:[a-z]{1000}){5}";
        String yaml = "title: hostile\nlogsource:\n    product: test\ndetection:\n    sel:\n        a|re: '" + big
                + "'\n        b|re: '" + big + "'\n    condition: sel\n";
        SigmaException e = loadError(yaml);
        assertAt(e, 7, "with the rule's other regexes it expands to 10,004 states (limit 10,000 per rule)");
        assertTrue(TestRules.rule(yaml.replace("b|re: '" + big + "'", "b|re: '(?:[a-z]{1000}){4}'")) != null);
    }

    @Test
    void aHugeRegexIsNotQuotedWhole() {
        SigmaException e = loadError(rule("v|re", "(" + "a".repeat(9000), "sel"));
        assertAt(e, VALUE_LINE, "invalid regular expression");
        assertTrue(e.reason().contains("more characters"), e.reason());
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

    @Test
    void aDirectoryOfHostileRulesLoadsTheRestAndNamesEveryFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a_parens.yml"), rule("v", "x", "(".repeat(5000) + "sel" + ")".repeat(5000)));
        Files.writeString(dir.resolve("b_nots.yml"), rule("v", "x", "not ".repeat(50_000) + "sel"));
        Files.writeString(dir.resolve("c_regex.yml"), rule("v|re", "(?:(?:a{1000}){1000}){1000}", "sel"));
        Files.writeString(dir.resolve("d_yaml.yml"), "title: t\nx: " + "[".repeat(100_000) + "\n");
        Files.writeString(dir.resolve("e_fine.yml"), rule("v", "x", "sel"));

        RuleLoader.LoadResult result = RuleLoader.loadDirectory(dir);

        assertEquals(1, result.rules().size());
        assertEquals(4, result.errors().size());
        assertEquals(dir.resolve("a_parens.yml") + ":" + CONDITION_LINE, prefix(result.errors().get(0)));
        assertEquals(dir.resolve("b_nots.yml") + ":" + CONDITION_LINE, prefix(result.errors().get(1)));
        assertEquals(dir.resolve("c_regex.yml") + ":" + VALUE_LINE, prefix(result.errors().get(2)));
        assertEquals(dir.resolve("d_yaml.yml") + ":2", prefix(result.errors().get(3)));
    }

    private static String prefix(SigmaException e) {
        return e.source() + ":" + e.line();
    }

    @Test
    void heavyRegexesReadABoundedPartOfAValue() {
        // The largest pattern a rule may have reads only a couple of kilobytes of each value.
        String pattern = "(?:a{100}){99}|needle";
        int maxChars = maxChars(pattern);
        assertTrue(maxChars < 2000, "max chars " + maxChars);
        SigmaRule rule = detection("sel:\n    v|re: '" + pattern + "'\ncondition: sel");
        assertTrue(TestRules.matches(rule, "{\"v\": \"" + "needle" + "b".repeat(100_000) + "\"}"));
        assertFalse(TestRules.matches(rule, "{\"v\": \"" + "b".repeat(100_000) + "needle\"}"),
                "past the part read: not seen");
        String worst = ("a".repeat(9_899) + "b").repeat(10);
        assertFalse(TestRules.matches(rule, "{\"v\": \"" + worst + "\"}"));
    }

    @Test
    void aCutValueDoesNotSatisfyEndAssertions() {
        String pattern = "(?:z{100}){90}|foo$";
        int max = maxChars(pattern, "foo\\b");
        SigmaRule rule = detection("sel:\n    v|re:\n        - '" + pattern + "'\n        - 'foo\\b'\ncondition: sel");
        String head = "x".repeat(max - 3) + "foo";
        assertTrue(TestRules.matches(rule, "{\"v\": \"" + head + "\"}"), "the whole value: foo is at the end");
        assertFalse(TestRules.matches(rule, "{\"v\": \"" + head + "bar\"}"),
                "cut after foo: neither $ nor \\b may be judged at the cut");
        assertTrue(TestRules.matches(rule, "{\"v\": \"" + "x".repeat(max - 8) + "foo " + "x".repeat(max) + "\"}"),
                "a boundary before the cut is real");
    }

    /** How many characters the patterns of one rule read, as {@link RegexBudget} computes it. */
    private static int maxChars(String... patterns) {
        RegexBudget b = new RegexBudget();
        for (String p : patterns) {
            assertTrue(b.add(com.google.re2j.Pattern.compile(p).programSize()));
        }
        return b.maxChars();
    }
}
