package dev.sidedoor.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringClipperTest {

    private static String clip(String json, int keep) throws IOException {
        try (StringClipper c = new StringClipper(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                keep)) {
            return new String(c.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shortStringsAndStructurePassUnchanged() throws IOException {
        String json = "{\"a\":\"x\\\"y\",\"b\":[1,2,\"\\u00e9\"]}\n{\"c\":\"\u4e2d\"}\n";
        assertEquals(json, clip(json, 8));
    }

    @Test
    void aLongValueIsCutOnACharacterBoundaryAndStaysValidJson() throws IOException {
        for (String unit : new String[] {"\u00e9", "\u4e2d", "\\u00e9", "\\\"", "\\\\", "\ud83d\ude00"}) {
            String json = "{\"ua\":\"" + unit.repeat(100) + "\",\"next\":\"kept\"}";
            for (int keep = 5; keep < 17; keep++) { // names and "kept" (4 bytes) stay whole
                String out = clip(json, keep);
                JsonNode n = new ObjectMapper().readTree(out);
                assertEquals("kept", n.path("next").asText(), unit + " keep " + keep + ": " + out);
                String ua = n.path("ua").asText();
                long original = json.getBytes(StandardCharsets.UTF_8).length - "{\"ua\":\"\",\"next\":\"kept\"}".length();
                assertEquals(original, StringClipper.clippedLength(ua), out);
                assertTrue(StringClipper.keptChars(ua) <= keep, out);
                assertTrue(ClippedFields.find(n).get(0).startsWith("field ua clipped from " + original + " bytes"));
            }
        }
    }

    @Test
    void aLaterCutOnTheSameLineKeepsLessAndTheNextLineStartsAfresh() throws IOException {
        String big = "a".repeat(200_000);
        String out = clip("{\"a\":\"" + big + "\",\"b\":\"" + big + "\"}\n{\"c\":\"" + big + "\"}", 100_000);
        String[] lines = out.split("\n");
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals(100_000, StringClipper.keptChars(first.path("a").asText()));
        assertEquals(StringClipper.LATER_KEEP_BYTES, StringClipper.keptChars(first.path("b").asText()));
        assertEquals(100_000, StringClipper.keptChars(new ObjectMapper().readTree(lines[1]).path("c").asText()));
    }
}
