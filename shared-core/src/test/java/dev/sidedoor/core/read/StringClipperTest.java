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
    void anInputOfAKnownShortLengthPassesUnscannedAndAByteBeyondItIsAnError() throws IOException {
        String line = "{\"a\":\"" + "x".repeat(40) + "\"}\n";
        byte[] in = (line + line).getBytes(StandardCharsets.UTF_8);
        try (StringClipper c = new StringClipper(new ByteArrayInputStream(in), 64, in.length)) {
            assertEquals(line + line, new String(c.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, c.clips());
        }
        // Said to be shorter than it is: where a string stands after the length could not be known, so the read
        // stops there loudly rather than go on unchecked.
        for (int said = 1; said <= 64; said += 7) {
            try (StringClipper c = new StringClipper(new ByteArrayInputStream(in), 64, said)) {
                IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, c::readAllBytes);
                assertTrue(e.getMessage().contains("more than the " + said + " bytes"), e.getMessage());
            }
        }
        // A length above the bound could hold a long string: everything is scanned, the length is not used.
        String longLine = "{\"a\":\"" + "x".repeat(100) + "\"}\n";
        try (StringClipper c = new StringClipper(new ByteArrayInputStream(longLine.getBytes(StandardCharsets.UTF_8)),
                64, longLine.length())) {
            assertEquals(clip(longLine, 64), new String(c.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(1, c.clips());
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

    @Test
    void randomRecordsStayValidAndEveryCutValueIsAPrefixOfTheOriginal() throws IOException {
        ObjectMapper json = new ObjectMapper();
        java.util.Random random = new java.util.Random(42);
        String alphabet = "abc \"\\/\u00e9\u4e2d\ud83d\ude00\n\t{}[]:,";
        for (int round = 0; round < 300; round++) {
            com.fasterxml.jackson.databind.node.ObjectNode record = json.createObjectNode();
            java.util.List<String> values = new java.util.ArrayList<>();
            for (int f = 0; f < 6; f++) {
                StringBuilder v = new StringBuilder();
                int n = random.nextInt(f == 0 ? 400 : 40);
                while (v.length() < n) {
                    int k = random.nextInt(alphabet.length());
                    char ch = alphabet.charAt(k);
                    v.append(Character.isHighSurrogate(ch) ? alphabet.substring(k, k + 2)
                            : Character.isLowSurrogate(ch) ? "x" : String.valueOf(ch));
                }
                values.add(v.toString());
                record.put("f" + f, v.toString());
            }
            int keep = 16 + random.nextInt(120);
            String text = json.writeValueAsString(record) + "\n" + json.writeValueAsString(record);
            for (String line : clip(text, keep).split("\n")) {
                JsonNode out = json.readTree(line);
                for (int f = 0; f < 6; f++) {
                    String original = values.get(f);
                    String got = out.path("f" + f).asText();
                    long cutFrom = StringClipper.clippedLength(got);
                    long bytes = json.writeValueAsString(original).getBytes(StandardCharsets.UTF_8).length - 2;
                    // Cut when longer than the bound, unless the bytes past it are the rest of one character or escape.
                    if (bytes <= keep || bytes > keep + 6) {
                        assertEquals(bytes > keep, cutFrom >= 0, "keep " + keep + ", " + bytes + " bytes: " + got);
                    }
                    if (cutFrom < 0) {
                        assertEquals(original, got, "keep " + keep);
                    } else {
                        assertTrue(original.startsWith(got.substring(0, StringClipper.keptChars(got))), "keep " + keep + " original " + original + " got " + got);
                        String encoded = json.writeValueAsString(original);
                        assertEquals(encoded.getBytes(StandardCharsets.UTF_8).length - 2, cutFrom);
                        assertTrue(cutFrom > keep, cutFrom + " cut at keep " + keep);
                    }
                }
            }
        }
    }

    /** Reads everything through a clipper, {@code chunk} bytes per read. */
    private static byte[] clipInChunks(byte[] in, int keep, int chunk, long[] clips) throws IOException {
        StringClipper c = new StringClipper(new ByteArrayInputStream(in), keep);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = c.read(buf, 0, chunk)) >= 0) {
            out.write(buf, 0, n);
        }
        clips[0] = c.clips();
        return out.toByteArray();
    }

    @Test
    void wordsAndBlocksAtATimeCutExactlyWhereTheByteLoopCuts() throws IOException {
        // One byte per read never reaches the word or block scans: it is the plain state machine, the oracle.
        java.util.Random r = new java.util.Random(15);
        String[] pieces = {"\"", "\"", "\"", "a", "bcdefgh", ":", ",", "{", "}", "\\\"", "\\\\", "\\u00e9",
            "\u00e9", "\n", "x".repeat(300), "y".repeat(700), "\"".repeat(3)};
        for (int round = 0; round < 300; round++) {
            StringBuilder b = new StringBuilder();
            int parts = 20 + r.nextInt(200);
            for (int p = 0; p < parts; p++) {
                String piece = pieces[r.nextInt(pieces.length)];
                // Newlines and backslashes rarely, so that long runs reach the block scan.
                if ((piece.contains("\\") || piece.equals("\n")) && r.nextInt(8) != 0) {
                    piece = "z";
                }
                b.append(piece);
            }
            byte[] in = b.toString().getBytes(StandardCharsets.UTF_8);
            int keep = 512 + r.nextInt(400);
            long[] slow = new long[1];
            long[] fast = new long[1];
            byte[] expected = clipInChunks(in, keep, 1, slow);
            for (int chunk : new int[] {7, 64, 300, 1 << 16}) {
                byte[] actual = clipInChunks(in, keep, chunk, fast);
                assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                        "round " + round + " keep " + keep + " chunk " + chunk);
                assertEquals(slow[0], fast[0]);
            }
        }
    }
}
