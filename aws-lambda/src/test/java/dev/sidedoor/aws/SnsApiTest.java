package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnsApiTest {

    /** The form as name/value pairs, in order, decoded the way a form reader decodes them. */
    private static List<String[]> pairs(byte[] form) {
        List<String[]> out = new ArrayList<>();
        for (String pair : new String(form, StandardCharsets.US_ASCII).split("&")) {
            String[] nv = pair.split("=", -1);
            assertEquals(2, nv.length, "one '=' per pair: " + pair);
            out.add(new String[] {URLDecoder.decode(nv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nv[1], StandardCharsets.UTF_8)});
        }
        return out;
    }

    @Test
    void everyValueIsEncodedSoNoneCanAddAParameter() {
        String hostile = "x&Action=Subscribe&Endpoint=evil =+%41\n\u00e9\ud83d\ude00";
        Map<String, SnsApi.Attribute> attributes = new LinkedHashMap<>();
        attributes.put("severity", new SnsApi.Attribute("String", "low"));
        attributes.put("rule_name", new SnsApi.Attribute("String", hostile));
        byte[] form = SnsApi.form(new SnsApi.Message("arn:aws:sns:eu-west-1:1:t", "subj ect", hostile, attributes));
        for (byte b : form) {
            assertEquals(true, b > 0x20 && b < 0x7f, "printable ASCII only");
        }
        List<String[]> p = pairs(form);
        String[][] expected = {
            {"Action", "Publish"}, {"Version", "2010-03-31"}, {"TopicArn", "arn:aws:sns:eu-west-1:1:t"},
            {"Subject", "subj ect"}, {"Message", hostile},
            {"MessageAttributes.entry.1.Name", "severity"}, {"MessageAttributes.entry.1.Value.DataType", "String"},
            {"MessageAttributes.entry.1.Value.StringValue", "low"},
            {"MessageAttributes.entry.2.Name", "rule_name"}, {"MessageAttributes.entry.2.Value.DataType", "String"},
            {"MessageAttributes.entry.2.Value.StringValue", hostile}};
        assertEquals(expected.length, p.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], p.get(i)[0]);
            assertEquals(expected[i][1], p.get(i)[1], expected[i][0]);
        }
    }

    @Test
    void aMessageWithoutSubjectOrAttributesSendsNeither() {
        List<String[]> p = pairs(SnsApi.form(SnsApi.Message.of("arn:aws:sns:us-east-1:1:chat", "card")));
        assertEquals(4, p.size());
        assertEquals("Message", p.get(3)[0]);
        assertEquals("card", p.get(3)[1]);
    }

    @Test
    void aFifoTopicGetsAGroupAndADeduplicationIdAStandardTopicNeither() {
        SnsApi.Message standard = new SnsApi.Message("arn:aws:sns:us-east-1:1:findings", "s", "body", Map.of(),
                "123456789012");
        for (String[] pair : pairs(SnsApi.form(standard))) {
            assertEquals(false, pair[0].startsWith("MessageGroupId") || pair[0].startsWith("MessageDedup"), pair[0]);
        }
        SnsApi.Message fifo = new SnsApi.Message("arn:aws:sns:us-east-1:1:findings.fifo", "s", "body", Map.of(),
                "123456789012");
        Map<String, String> p = asMap(pairs(SnsApi.form(fifo)));
        assertEquals("123456789012", p.get("MessageGroupId"));
        String id = p.get("MessageDeduplicationId");
        assertEquals(64, id.length(), id);
        // The same message again is the same id (a retry is deduplicated); any change is another id.
        assertEquals(id, asMap(pairs(SnsApi.form(fifo))).get("MessageDeduplicationId"));
        SnsApi.Message changed = new SnsApi.Message(fifo.topicArn(), "s", "body2", Map.of(), "123456789012");
        assertNotEquals(id, asMap(pairs(SnsApi.form(changed))).get("MessageDeduplicationId"));
    }

    @Test
    void aGroupSnsWouldRefuseFallsBackToTheDefault() {
        assertEquals("123456789012", SnsApi.groupId("123456789012"));
        assertEquals(SnsApi.DEFAULT_GROUP, SnsApi.groupId(null));
        assertEquals(SnsApi.DEFAULT_GROUP, SnsApi.groupId(""));
        assertEquals(SnsApi.DEFAULT_GROUP, SnsApi.groupId("acct with spaces"));
        assertEquals(SnsApi.DEFAULT_GROUP, SnsApi.groupId("caf\u00e9"));
        assertEquals(SnsApi.DEFAULT_GROUP, SnsApi.groupId("x".repeat(129)));
        assertEquals("x".repeat(128), SnsApi.groupId("x".repeat(128)));
        assertEquals(SnsApi.DEFAULT_GROUP, asMap(pairs(SnsApi.form(
                SnsApi.Message.of("arn:aws:sns:us-east-1:1:chat.fifo", "card")))).get("MessageGroupId"));
    }

    private static Map<String, String> asMap(List<String[]> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] p : pairs) {
            m.put(p[0], p[1]);
        }
        return m;
    }

    @Test
    void errorTextIsUnescapedAndBounded() {
        String xml = "<ErrorResponse><Error><Code>InvalidParameter</Code><Message>a &lt;b&gt; &amp;amp; "
                + "x".repeat(2000) + "</Message></Error></ErrorResponse>";
        assertEquals("InvalidParameter", SnsApi.element(xml, "Code"));
        String message = SnsApi.element(xml, "Message");
        // 500 characters of the answer are kept; unescaping "&lt;", "&gt;" and one "&amp;" then removes 10.
        assertEquals(490, message.length());
        assertEquals(true, message.startsWith("a <b> &amp; xxx"), message);
        assertNull(SnsApi.element(xml, "Type"));
        assertNull(SnsApi.element("<Code>unterminated", "Code"));
        assertNull(SnsApi.element("not xml at all", "Code"));
    }
}
