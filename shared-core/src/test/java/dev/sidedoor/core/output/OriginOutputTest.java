package dev.sidedoor.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The origin in every format, read back; the raw record whole or cut. */
class OriginOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());

    static String push(String id, String padding) {
        return "{\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"eventID\":\"" + id + "\",\"requestParameters\":{\"instanceId\":\"i-1\"},\"pad\":\"" + padding
                + "\"}";
    }

    private static List<Finding> scan(Engine engine, String text) throws Exception {
        return engine.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.json").findings();
    }

    @Test
    void originIsWrittenInBothFormatsAndReadBack() throws Exception {
        String text = "{\"Records\":[\n" + push("A", "") + ",\n{\"Records\":[" + push("B", "") + "]}\n]}";
        List<Finding> findings = scan(ENGINE, text);
        Finding b = findings.stream().filter(f -> f.event().id().equals("B")).findFirst().orElseThrow();
        assertEquals(new Finding.Origin("in.json", 2, 3, "1", null), b.origin());
        JsonNode own = JSON.readTree(JsonText.write(g -> FindingFormat.sidedoor().write(b, g)));
        assertEquals("{\"file\":\"in.json\",\"record\":2,\"line\":3,\"element\":\"1\"}", own.path("origin").toString());
        assertFalse(own.has("raw"));
        assertEquals(b.origin(), FindingReader.read(own).origin());
        JsonNode ocsf = JSON.readTree(JsonText.write(g -> FindingFormat.ocsf("test").write(b, g)));
        assertEquals(own.path("origin"), ocsf.path("unmapped").path("origin"));
    }

    @Test
    void aFindingWithoutOriginIsReadBackWithoutOne() throws Exception {
        Finding a = scan(ENGINE, push("A", "")).get(0).withOrigin(null);
        JsonNode own = JSON.readTree(JsonText.write(g -> FindingFormat.sidedoor().write(a, g)));
        assertFalse(own.has("origin"));
        assertNull(FindingReader.read(own).origin());
    }

    @Test
    void theRawRecordIsWholeJsonOrItsCutStart() throws Exception {
        Engine raw = ENGINE.withRawRecords(true);
        Finding small = scan(raw, push("S", "x")).get(0);
        JsonNode own = JSON.readTree(JsonText.write(g -> FindingFormat.sidedoor().write(small, g)));
        assertEquals("S", own.path("raw").path("eventID").asText(), own.toString());
        assertFalse(own.has("raw_clipped"));

        Finding big = scan(raw, push("L", "y".repeat(100_000))).get(0);
        JsonNode cut = JSON.readTree(JsonText.write(g -> FindingFormat.sidedoor().write(big, g)));
        assertTrue(cut.path("raw").isTextual());
        assertEquals(Finding.Raw.MAX_CHARS, cut.path("raw").asText().length());
        assertTrue(cut.path("raw_clipped").asText().startsWith("record clipped from 10"), cut.path("raw_clipped").asText());
    }
}
