package dev.sidedoor.core.read;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A range may start only where the reader surely reads line by line; every doubt says no. */
class JsonLinesHeadTest {

    private static final LogReader READER = new LogReader();

    private static boolean lines(String text) {
        return JsonLinesHead.readsAsJsonLines(READER, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void recordsOnePerLineAreJsonLines() {
        assertTrue(lines("{\"eventName\":\"StartSession\"}\n{\"eventName\":\"SendCommand\"}\n"));
        assertTrue(lines("{\"eventName\":\"StartSession\"}\r\n\r\n{\"eventName\":\"SendCommand\"}\r\n"));
    }

    @Test
    void aBrokenFirstLineFollowedByRecordsIsStillReadLineByLine() {
        assertTrue(lines("{\"eventName\":\"Start\n{\"eventName\":\"SendCommand\"}\n"));
    }

    @Test
    void anythingElseIsNo() {
        assertFalse(lines(""));
        assertFalse(lines("\n{\"a\":1}\n{\"b\":2}\n"), "a blank line first");
        assertFalse(lines(" {\"a\":1}\n"), "a space first");
        assertFalse(lines("[{\"a\":1},\n{\"b\":2}]\n"), "an array");
        assertFalse(lines("{\"Records\":[\n{\"a\":1},\n{\"b\":2}]}\n"), "a CloudTrail file");
        assertFalse(lines("{\"a\":1}"), "no newline: one document");
        assertFalse(lines("{\"a\":\n1}\n"), "pretty-printed");
        assertFalse(lines("{\u0000\"a\":1}\n"), "NUL bytes");
        assertFalse(JsonLinesHead.readsAsJsonLines(READER, new byte[] {0x1f, (byte) 0x8b, 8, 0, '\n'}), "gzip");
    }
}
