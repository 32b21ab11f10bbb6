package dev.sidedoor.aws.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Item keys stay small and distinct whatever log text they come from; DynamoDB JSON survives a round trip. */
class KeysAndJsonTest {

    @Test
    void hostileKeysBecomeFixedSizeDistinctItemKeys() {
        String huge = "x".repeat(100_000);
        String nul = "aws-ssm-session\u0000sso:alice\u0000network\u0000203.0.113.0/24";
        for (String key : new String[] {huge, nul, "", "\"}{", "\uD800", "a/b#c?d"}) {
            ObjectNode item = Keys.item("d", key);
            String pk = item.path(Keys.PK).path("S").asText();
            assertTrue(pk.length() <= 50 && pk.startsWith("d#"), pk);
            assertTrue(pk.chars().allMatch(c -> c < 128), pk);
        }
        assertNotEquals(Keys.item("d", nul), Keys.item("d", nul.replace('\u0000', '\u0001')));
        assertNotEquals(Keys.item("d", "k"), Keys.item("t", "k"), "kinds never share an item");
        assertEquals(Keys.member("k", "m1").path(Keys.PK), Keys.member("k", "m2").path(Keys.PK),
                "members of one key share a partition");
    }

    @Test
    void dynamoJsonRoundTripsWithoutAnObjectMapper() throws Exception {
        ObjectNode body = Json.object();
        body.put("TableName", "t\"able");
        body.putObject(":d").putArray("NS").add("20500").add("20501");
        body.put("ConsistentRead", true);
        body.put("Limit", 12345678901L);
        body.putNull("nothing");
        body.put("loneSurrogate", "a\ud800b"); // log text: kept as its escape, never turned into '?'
        body.put("decimal", new java.math.BigDecimal("1.50"));
        byte[] bytes = Json.write(body);
        JsonNode back = Json.parse(bytes);
        assertEquals(body, back, new String(bytes, StandardCharsets.UTF_8));
        assertEquals(0, Json.parse(new byte[0]).size());
    }
}
