package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.sigma.SigmaParser;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Damage in one place never costs the records around it, whatever the wrapper. */
class RecoveryTest {

    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());

    static String push(int n) {
        return "{\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"eventID\":\"P" + n + "\",\"requestParameters\":{\"instanceId\":\"i-1\"}}";
    }

    static InputResult scan(byte[] bytes) throws IOException {
        return ENGINE.scan(new ByteArrayInputStream(bytes), "t.json");
    }

    static InputResult scan(String s) throws IOException {
        return scan(s.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> ids(InputResult r) {
        List<String> ids = new ArrayList<>();
        for (Finding f : r.findings()) {
            ids.add(f.event().id());
        }
        ids.sort(null);
        return ids;
    }

    @Test
    void aCutGzipKeepsTheRecordsBeforeTheCut() throws IOException {
        StringBuilder file = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 2000; i++) {
            file.append(i == 0 ? "" : ",").append(push(i));
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(file.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = bos.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        InputResult r = scan(cut);
        assertTrue(r.findings().size() > 100, "findings before the cut: " + r.findings().size());
        assertTrue(r.rejections().stream().anyMatch(x -> x.kind().equals("truncated")
                && x.detail().contains("compressed data ends early")), r.rejections().toString());
        assertTrue(r.findings().size() > 900, "every record decompressed before the cut is scanned: "
                + r.findings().size());
    }

    @Test
    void aBadLookupEventsItemCostsOnlyItself() throws IOException {
        String item = "{\"EventId\":\"e\",\"CloudTrailEvent\":\"%s\"}";
        String out = "{\n  \"Events\": [\n    " + String.format(item, push(1).replace("\"", "\\\""))
                + ",\n    {\"EventId\": \"bad\", \"Username\": \"" + "x".repeat(9_000_000) + "\"},\n    "
                + String.format(item, push(2).replace("\"", "\\\"")) + "\n  ],\n  \"NextToken\": \"abc\"\n}\n";
        InputResult r = scan(out);
        assertEquals(List.of("P1", "P2"), ids(r));
        // The padded item is read with its 9 MB value cut (not rejected): it is no audit record, so no finding.
        assertEquals(0, r.rejections().size(), r.rejections().toString());
        assertEquals(1, r.stats().clippedRecords());
    }

    @Test
    void strayBracketsAndMissingCommasInAnS3FileCostOnlyTheirRecord() throws IOException {
        String file = "{\"Records\":[" + push(1) + ",{\"eventName\":\"X\",\"a\":[1,2}," + push(2) + ","
                + push(3) + " " + push(4) + "]}";
        InputResult r = scan(file);
        assertTrue(ids(r).containsAll(List.of("P1", "P3", "P4")), ids(r).toString());
        assertTrue(r.stats().rejectedTotal() >= 1);
    }

    @Test
    void oneRecordPerLineArraysAreNotMistakenForJsonLines() throws IOException {
        InputResult r = scan("[\n" + push(1) + ",\n" + push(2) + "\n]\n");
        assertEquals(List.of("P1", "P2"), ids(r));
        assertEquals(0, r.stats().rejectedTotal(), r.rejections().toString());
        InputResult v = scan("{\"value\": [\n" + push(3) + ",\n" + push(4) + "\n]}\n");
        assertEquals(List.of("P3", "P4"), ids(v));
        assertEquals(0, v.stats().rejectedTotal(), v.rejections().toString());
    }

    @Test
    void trailingCommasAndCommentsAreAcceptedInsideS3Files() throws IOException {
        String withComma = push(1).replace("\"P1\",", "\"P1\", /* sample */").replace("}}", "},}");
        InputResult r = scan("{\"Records\":[" + withComma + "," + push(2) + "]}");
        assertEquals(List.of("P1", "P2"), ids(r));
        assertEquals(0, r.stats().rejectedTotal(), r.rejections().toString());
    }

    @Test
    void badScalarsInRecordsNoRuleCanMatchAreStillReported() throws IOException {
        String benign = "{\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\",\"readOnly\":tru}";
        String ctrl = "{\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\",\"x\":\"a\u0001b\"}";
        InputResult r = scan("{\"Records\":[" + push(1) + "," + benign + "," + ctrl + "," + push(2) + "]}");
        assertEquals(List.of("P1", "P2"), ids(r));
        assertEquals(2, r.stats().rejectedTotal(), r.rejections().toString());
    }

    @Test
    void numericFieldsAreComparedAsTheFullTreeWouldCompareThem() throws Exception {
        var rule = SigmaParser.parse("title: priority\nid: 00000000-0000-4000-8000-000000000001\nlogsource:\n"
                + "  product: aws\ndetection:\n  sel:\n    priority: '1.5'\n  condition: sel\nlevel: low\n", "p.yml");
        Engine engine = new Engine(rule, Tuning.none(), Clock.systemUTC());
        String rec = "{\"eventSource\":\"x.amazonaws.com\",\"eventName\":\"Y\",\"eventID\":\"N\",\"priority\":1.50}";
        InputResult screened = engine.scan(new ByteArrayInputStream(("{\"Records\":[" + rec + "]}")
                .getBytes(StandardCharsets.UTF_8)), "n.json");
        InputResult full = engine.scan(new ObjectMapperless().tree(rec), "n.json");
        assertEquals(full.findings().size(), screened.findings().size());
        assertEquals(1, screened.findings().size());
    }

    @Test
    void tenThousandBrokenLinesNeitherOverflowNorLoseTheGoodRecord() throws IOException {
        StringBuilder b = new StringBuilder("{\"Records\":[\n").append(push(1)).append(",\n").append(push(2))
                .append("x,\n");
        for (int i = 0; i < 10_000; i++) {
            b.append("{},\n");
        }
        b.append(push(3)).append("\n]}\n");
        InputResult r = scan(b.toString());
        assertTrue(ids(r).contains("P1"), ids(r).toString());
        assertTrue(r.stats().rejectedTotal() >= 1);
    }

    @Test
    void anOversizedBrokenRecordIsReportedAsBrokenAndItsNeighbourKept() throws IOException {
        StringBuilder b = new StringBuilder(70 << 20).append("{\"Records\":[").append(push(1))
                .append(",{\"eventName\":\"x\" \"y\":\"");
        b.append("a".repeat(65 << 20)).append("\"}]}");
        InputResult r = scan(b.toString());
        assertEquals(List.of("P1"), ids(r));
        // Its 65 MB string is cut as it streams, so what is reported is what is wrong with it: a missing comma.
        assertEquals("malformed-json", r.rejections().get(0).kind(), r.rejections().toString());
    }

    @Test
    void commentsHidingQuotesCannotHideARecord() throws IOException {
        String tricky = "{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"GetParameter\",\"eventID\":\"C\","
                + "\"n\":[/*\"*/],\"eventName\":\"StartSession\",\"m\":[/*\"*/],"
                + "\"requestParameters\":{\"target\":\"i-1\"}}";
        for (String shape : List.of("{\"Records\":[%s]}", "[%s]", "%s\n", "{\"Records\":[/* first */ %s // last\n]}")) {
            InputResult r = scan(String.format(shape, tricky));
            assertEquals(List.of("C"), ids(r), shape);
        }
    }

    @Test
    void datadogShapedAzureRecordsAreNeverPassedOver() throws IOException {
        String rec = "{\"eventSource\":\"x.amazonaws.com\",\"eventName\":\"Y\",\"evt\":{\"name\":"
                + "\"MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION\",\"outcome\":\"Success\"},"
                + "\"resourceId\":\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/v\"}";
        assertEquals(1, scan("{\"Records\":[" + rec + "]}").findings().size());
    }

    @Test
    void utf16WithoutAByteOrderMarkIsLeftToJackson() throws IOException {
        byte[] utf16 = ("[" + push(1) + "," + push(2) + "]").getBytes(StandardCharsets.UTF_16LE);
        assertEquals(List.of("P1", "P2"), ids(scan(utf16)));
    }

    @Test
    void theScreenCacheCannotBePoisoned() throws IOException {
        // Values holding U+0000 once made two different records share a cache key (document mode decodes escapes).
        String victim = "{\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":"
                + "\"SendSSHPublicKeyA\\u0000sB\",\"eventID\":\"R2\",\"requestParameters\":{\"instanceId\":\"i-1\"}}";
        String poison = "{\"eventSource\":\"B\\u0000sec2-instance-connect.amazonaws.com\",\"eventName\":"
                + "\"SendSSHPublicKeyA\",\"eventID\":\"R1\"}";
        Engine engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
        engine.scan(new ByteArrayInputStream(("{\"nextToken\":\"t\",\"Records\":[" + poison + "]}")
                .getBytes(StandardCharsets.UTF_8)), "a.json");
        InputResult r = engine.scan(new ByteArrayInputStream(("{\"nextToken\":\"t\",\"Records\":[" + victim + "]}")
                .getBytes(StandardCharsets.UTF_8)), "b.json");
        assertEquals(List.of("R2"), ids(r));
    }

    /** Builds a tree with the engine's own reader, for the unscreened path. */
    private static final class ObjectMapperless {
        com.fasterxml.jackson.databind.JsonNode tree(String json) throws IOException {
            return new dev.sidedoor.core.read.LogReader().trees().parse(json);
        }
    }
}
