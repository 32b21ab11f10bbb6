package dev.sidedoor.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LogReaderTest {

    static final class Collected implements RecordSink {
        final List<JsonNode> records = new ArrayList<>();
        final List<String> positions = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        @Override
        public void record(Position position, JsonNode record) {
            positions.add(position.toString());
            records.add(record);
        }

        @Override
        public void rejected(Rejection rejection) {
            rejections.add(rejection);
        }

        @Override
        public void skipped(String reason) {
            skipped.add(reason);
        }

        List<String> names() {
            List<String> n = new ArrayList<>();
            for (JsonNode r : records) {
                n.add(r.path("eventName").asText(r.path("operationName").asText()));
            }
            return n;
        }
    }

    static Collected read(byte[] bytes) throws IOException {
        Collected c = new Collected();
        new LogReader().read(new ByteArrayInputStream(bytes), "test.json", c);
        return c;
    }

    static Collected read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    static String ct(String name) {
        return "{\"eventVersion\":\"1.08\",\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"" + name
                + "\",\"eventID\":\"id-" + name + "\"}";
    }

    @Test
    void readsABareRecord() throws IOException {
        assertEquals(List.of("StartSession"), read(ct("StartSession")).names());
    }

    @Test
    void readsCloudTrailS3FileOnOneLineAndGzipped() throws IOException {
        String file = "{\"Records\":[" + ct("A") + "," + ct("B") + "," + ct("C") + "]}";
        assertEquals(List.of("A", "B", "C"), read(file).names());
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(file.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("A", "B", "C"), read(bos.toByteArray()).names());
    }

    @Test
    void readsJsonLinesArraysAndPrettyDocuments() throws IOException {
        assertEquals(List.of("A", "B"), read(ct("A") + "\n\n" + ct("B") + "\n").names());
        assertEquals(List.of("A", "B"), read("[\n  " + ct("A") + ",\n  " + ct("B") + "\n]\n").names());
        assertEquals(List.of("A"), read("{\n  \"eventSource\": \"ssm.amazonaws.com\",\n  \"eventName\": \"A\"\n}\n").names());
    }

    @Test
    void unwrapsEventBridgeAndFillsAccountFromEnvelope() throws IOException {
        String eb = "{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.ssm\","
                + "\"account\":\"111122223333\",\"region\":\"eu-west-1\",\"detail\":" + ct("StartSession") + "}";
        Collected c = read(eb);
        assertEquals(List.of("StartSession"), c.names());
        assertEquals("111122223333", c.records.get(0).path("recipientAccountId").asText());
        assertEquals("eu-west-1", c.records.get(0).path("awsRegion").asText());
    }

    @Test
    void aCloudTrailEnvelopeWithoutACloudTrailRecordIsRejectedAndItsNeighboursKept() throws IOException {
        String head = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"AWS API Call via CloudTrail\","
                + "\"source\":\"aws.ssm\",\"detail\":";
        Collected c = read(head + "\"not an object\"}\n" + head + "{\"eventSource\":\"ssm.amazonaws.com\"}}\n"
                + head + ct("StartSession") + "}\n");
        assertEquals(List.of("StartSession"), c.names());
        assertEquals(2, c.rejections.size());
        for (Rejection r : c.rejections) {
            assertEquals("not-cloudtrail", r.kind());
            assertTrue(r.detail().contains("not a CloudTrail record"), r.detail());
        }
        assertTrue(c.skipped.isEmpty());
    }

    @Test
    void skipsNativeEventBridgeStatusEventsAndS3Notifications() throws IOException {
        String nativeEvent = "{\"version\":\"0\",\"detail-type\":\"EC2 Command Status-change Notification\","
                + "\"source\":\"aws.ssm\",\"detail\":{\"command-id\":\"x\",\"status\":\"Success\"}}";
        String s3 = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{}}]}";
        Collected c = read(nativeEvent + "\n" + s3 + "\n");
        assertTrue(c.records.isEmpty());
        assertEquals(2, c.skipped.size());
        assertTrue(c.rejections.isEmpty());
    }

    @Test
    void parsesLookupEventsEmbeddedRecords() throws IOException {
        String inner = ct("SendCommand").replace("\"", "\\\"");
        String out = "{\"Events\":[{\"EventId\":\"e1\",\"EventName\":\"SendCommand\",\"CloudTrailEvent\":\"" + inner
                + "\"},{\"EventId\":\"e2\",\"CloudTrailEvent\":\"{broken\"}]}";
        Collected c = read(out);
        assertEquals(List.of("SendCommand"), c.names());
        assertEquals(1, c.rejections.size());
        assertTrue(c.rejections.get(0).detail().contains("CloudTrailEvent"), c.rejections.get(0).detail());
    }

    @Test
    void azureExportRecordsAreStreamed() throws IOException {
        String diag = "{\"records\":[{\"operationName\":\"MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION\","
                + "\"resourceId\":\"/x\"},{\"operationName\":\"b\",\"resourceId\":\"/y\"}]}";
        assertEquals(2, read(diag).records.size());
    }

    @Test
    void aBrokenLineCostsOnlyItself() throws IOException {
        String jsonl = ct("A") + "\n{\"eventName\": \"trunc\n" + ct("C") + "\n" + "[1,2]\n" + ct("E") + "\n";
        Collected c = read(jsonl);
        assertEquals(List.of("A", "C", "E"), c.names());
        assertEquals(3, c.rejections.size(), "the truncated line, and each number in the array: " + c.rejections);
        assertTrue(c.rejections.get(0).position().contains("line 2"), c.rejections.get(0).position());
        assertTrue(c.rejections.get(0).message().startsWith("test.json: record 2 (line 2"), c.rejections.get(0).message());
    }

    @Test
    void acceptsPublishedSamplesWithTrailingCommas() throws IOException {
        assertEquals(List.of("A"), read("{\n \"eventSource\": \"ssm.amazonaws.com\",\n \"eventName\": \"A\",\n}\n").names());
    }

    @Test
    void rejectsBinaryFilesAsAWhole() throws IOException {
        byte[] bin = new byte[4096];
        new java.util.Random(7).nextBytes(bin);
        bin[10] = 0;
        Collected c = read(bin);
        assertEquals(1, c.rejections.size());
        assertEquals("binary", c.rejections.get(0).kind());
    }

    @Test
    void documentModeResumesAtTheNextTopLevelValue() throws IOException {
        String docs = "{\n  \"eventSource\": \"ssm.amazonaws.com\",\n  \"eventName\": \"A\"\n}\n"
                + "{\n  \"eventSource\": oops\n}\n"
                + "{\n  \"eventSource\": \"ssm.amazonaws.com\",\n  \"eventName\": \"C\"\n}\n";
        Collected c = read(docs);
        assertEquals(List.of("A", "C"), c.names());
        assertEquals(1, c.rejections.size());
        assertTrue(c.rejections.get(0).position().contains("line 6"), c.rejections.get(0).position());
    }
}
