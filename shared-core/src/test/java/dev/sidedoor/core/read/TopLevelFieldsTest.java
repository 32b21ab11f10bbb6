package dev.sidedoor.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reused fields and the decision cache keyed on them: a remembered answer must never reach other values. */
class TopLevelFieldsTest {

    private static final Set<String> NAMES = Set.of("eventSource", "eventName", "x");
    private static final String[] ORDER = {"eventSource", "eventName", "x"};

    private final TopLevelScan scan = new TopLevelScan(NAMES, 100);

    private TopLevelFields fields(String json) throws Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return scan.scan(b, 0, b.length);
    }

    private static TopLevelFields parsed(String json) throws Exception {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            TopLevelFields f = TopLevelFields.forParser(NAMES);
            f.readFrom(p);
            return f;
        }
    }

    @Test
    void aReusedInstanceForgetsThePreviousRecord() throws Exception {
        TopLevelFields first = fields("{\"eventSource\":\"ec2.amazonaws.com\",\"x\":{\"a\":[1]}}");
        assertTrue(first.isContainer("x"));
        assertEquals("ec2.amazonaws.com", first.text("eventSource"));
        TopLevelFields second = fields("{\"eventName\":\"RunInstances\"}");
        assertSame(first, second);
        assertFalse(second.has("x"));
        assertNull(second.text("eventSource"));
        assertEquals("RunInstances", second.text("eventName"));
        assertFalse(second.hasAnyOf(Set.of("x", "eventSource")));
        assertTrue(second.hasAnyOf(Set.of("eventName")));
    }

    @Test
    void aKeptNameIsFoundAtEveryLengthAndANearMissAtNoPosition() throws Exception {
        // Names are compared a word at a time (the first eight bytes, the last eight, the middle of longer ones):
        // a key one byte off anywhere, or a byte short or long, must never be taken for a kept name.
        for (int len = 1; len <= 26; len++) {
            StringBuilder name = new StringBuilder();
            for (int k = 0; k < len; k++) {
                name.append((char) ('a' + k));
            }
            TopLevelScan s = new TopLevelScan(Set.of(name.toString()), 100);
            for (String tail : new String[] {"", ",\"zzzzzzzzzzzz\":0"}) {
                assertTrue(scanned(s, "{\"" + name + "\":1" + tail + "}").has(name.toString()), name + tail);
                for (int at = 0; at < len; at++) {
                    StringBuilder miss = new StringBuilder(name);
                    miss.setCharAt(at, 'Z');
                    assertFalse(scanned(s, "{\"" + miss + "\":1" + tail + "}").has(name.toString()), miss + tail);
                }
                assertFalse(scanned(s, "{\"" + name + "a\":1" + tail + "}").has(name.toString()));
                if (len > 1) {
                    assertFalse(scanned(s, "{\"" + name.substring(1) + "\":1" + tail + "}").has(name.toString()));
                }
            }
        }
    }

    @Test
    void namesSharingALengthAndTheirFirstEightBytesAreToldApartAndTheEmptyNameIsAName() throws Exception {
        TopLevelScan s = new TopLevelScan(Set.of("abcdefghXY", "abcdefghZW", ""), 100);
        TopLevelFields f = scanned(s, "{\"abcdefghZW\":2,\"abcdefghQQ\":3,\"\":4,\"abcdefghXY\":1}");
        assertEquals(1, f.scalar("abcdefghXY").intValue());
        assertEquals(2, f.scalar("abcdefghZW").intValue());
        assertEquals(4, f.scalar("").intValue());
        assertFalse(scanned(s, "{\"abcdefghXZ\":1}").has("abcdefghXY"));
    }

    @Test
    void aKeyInTheLastBytesOfTheBufferIsStillRead() throws Exception {
        // No word can be read from where such a key starts; it is compared byte by byte.
        TopLevelScan s = new TopLevelScan(Set.of("x", "ab"), 100);
        assertEquals(1, scanned(s, "{\"x\":1}").scalar("x").intValue());
        assertEquals(2, scanned(s, "{\"ab\":2}").scalar("ab").intValue());
        assertFalse(scanned(s, "{\"ac\":2}").has("ab"));
    }

    private static TopLevelFields scanned(TopLevelScan s, String json) throws Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return s.scan(b, 0, b.length);
    }

    @Test
    void literalsAndIntegersReadAsJacksonBuildsThem() throws Exception {
        TopLevelFields f = fields("{\"x\":-42}");
        assertTrue(f.scalar("x").isInt());
        assertEquals(-42, f.scalar("x").intValue());
        assertTrue(fields("{\"x\":12345678901}").scalar("x").isLong());
        assertTrue(fields("{\"x\":true}").scalar("x").booleanValue());
        assertTrue(fields("{\"x\":null}").scalar("x").isNull());
        assertTrue(fields("{\"x\":1.5}").undecidable());
        assertTrue(fields("{\"x\":99999999999999999999}").undecidable());
        assertTrue(fields("{\"x\":\"caf\u00e9\"}").undecidable());
        assertTrue(fields("{\"x\":\"a\\\"b\"}").undecidable());
    }

    @Test
    void anAnswerIsFoundOnlyForTheSameValuesOfTheSameKinds() throws Exception {
        FieldDecisions decisions = new FieldDecisions(ORDER, 100);
        decisions.put(fields("{\"eventSource\":\"ab\",\"eventName\":\"c\",\"x\":\"1\"}"), true);
        // Same values, other fields, other spacing: the same answer.
        assertEquals(Boolean.TRUE,
                decisions.get(fields("{ \"requestID\":\"r\", \"eventName\" : \"c\",\"eventSource\":\"ab\",\"x\":\"1\"}")));
        // A value moved across the boundary between two fields, or given another kind: unknown.
        assertNull(decisions.get(fields("{\"eventSource\":\"a\",\"eventName\":\"bc\",\"x\":\"1\"}")));
        assertNull(decisions.get(fields("{\"eventSource\":\"ab\",\"eventName\":\"c\",\"x\":1}")));
        assertNull(decisions.get(fields("{\"eventSource\":\"ab\",\"eventName\":\"c\"}")));
        assertNull(decisions.get(fields("{\"eventSource\":\"ab\",\"eventName\":\"c\",\"x\":[\"1\"]}")));
        assertNull(decisions.get(fields("{\"eventSource\":\"ab\",\"eventName\":\"c\",\"x\":null}")));

        decisions.put(fields("{\"eventSource\":\"ab\",\"eventName\":\"c\"}"), false);
        assertEquals(Boolean.FALSE, decisions.get(fields("{\"eventName\":\"c\",\"eventSource\":\"ab\"}")));
        assertNull(decisions.get(fields("{\"eventName\":\"c\",\"eventSource\":\"ab\",\"x\":{}}")));
    }

    @Test
    void jacksonsFieldsNeverTakeAnAnswerMadeForOtherValues() throws Exception {
        FieldDecisions decisions = new FieldDecisions(ORDER, 100);
        decisions.put(fields("{\"eventSource\":\"ab\",\"eventName\":\"c\",\"x\":1}"), true);
        assertNull(decisions.get(parsed("{\"eventSource\":\"ab\",\"eventName\":\"c\",\"x\":\"1\"}")));
        decisions.put(parsed("{\"eventSource\":\"a\\u0062\",\"eventName\":\"c\"}"), false);
        assertEquals(Boolean.FALSE, decisions.get(parsed("{\"eventSource\":\"ab\",\"eventName\":\"c\"}")));
        assertNull(decisions.get(parsed("{\"eventSource\":\"ab\",\"eventName\":\"d\"}")));
    }

    @Test
    void beyondItsBoundTheCacheRemembersNoMore() throws Exception {
        FieldDecisions decisions = new FieldDecisions(ORDER, 4);
        for (int i = 0; i < 10; i++) {
            decisions.put(fields("{\"eventName\":\"e" + i + "\"}"), true);
        }
        assertEquals(Boolean.TRUE, decisions.get(fields("{\"eventName\":\"e3\"}")));
        assertNull(decisions.get(fields("{\"eventName\":\"e4\"}")));
    }
}
