package dev.sidedoor.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.read.Position;
import dev.sidedoor.core.read.RecordSink;
import dev.sidedoor.core.read.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A JSON Lines file of the example records, several times over, with what a range edge must survive spread
 * through it: broken records, blank and whitespace lines, CRLF endings, S3 notifications (skipped records), lines
 * holding two records or an array of them, comment-only lines, runs of non-matching records. Each kind of line's
 * byte offsets are kept, so tests can cut right at one.
 */
final class SplitInput {

    static final String BROKEN = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"StartSess";
    static final String S3_NOTIFICATION = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
            + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\"}}}]}";
    static final String FILLER = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":"
            + "\"DescribeInstances\",\"eventTime\":\"2026-11-18T08:00:00Z\",\"awsRegion\":\"eu-west-1\","
            + "\"sourceIPAddress\":\"203.0.113.9\",\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":"
            + "\"arn:aws:sts::403918276512:assumed-role/ReadOnly/filler\"},\"eventID\":\"filler\"}";

    final byte[] bytes;
    /** Line kind -> byte offsets where such lines start. */
    final TreeMap<String, List<Long>> starts;

    private SplitInput(byte[] bytes, TreeMap<String, List<Long>> starts) {
        this.bytes = bytes;
        this.starts = starts;
    }

    /** The first line of {@code kind} starting at or after {@code from}. */
    long first(String kind, long from) {
        for (long at : starts.get(kind)) {
            if (at >= from) {
                return at;
            }
        }
        throw new IllegalStateException("no " + kind + " line after " + from);
    }

    Path write(Path dir) throws IOException {
        Path f = dir.resolve("split.jsonl");
        Files.write(f, bytes);
        return f;
    }

    static SplitInput build(int copies) throws IOException {
        List<String> records = exampleRecords();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeMap<String, List<Long>> starts = new TreeMap<>();
        for (int copy = 0; copy < copies; copy++) {
            for (int j = 0; j < records.size(); j++) {
                String r = copy % 2 == 1 ? vary(records.get(j), copy) : records.get(j);
                String kind = r.contains("\"operationName\"") ? "azure" : "record";
                line(out, starts, kind, r, j % 7 == 0 ? "\r\n" : "\n");
                if (j % 7 == 0) {
                    line(out, starts, "after-crlf", FILLER, "\n");
                }
                if (j % 5 == 0) {
                    for (int k = 0; k < 30; k++) {
                        line(out, starts, "filler", FILLER, "\n");
                    }
                }
                if (j % 11 == 0) {
                    line(out, starts, "blank", j % 2 == 0 ? "" : " \t ", "\n");
                }
                if (j % 13 == 0) {
                    line(out, starts, "broken", BROKEN, "\n");
                }
                if (j % 17 == 0) {
                    line(out, starts, "s3", S3_NOTIFICATION, "\n");
                    line(out, starts, "after-s3", FILLER, "\n");
                }
                if (j % 19 == 0) {
                    line(out, starts, "two", r + " " + FILLER, "\n");
                }
                if (j % 23 == 0) {
                    line(out, starts, "array", "[" + FILLER + "," + r + "]", "\n");
                }
                if (j % 31 == 0 && kind.equals("record")) {
                    line(out, starts, "wrapped", "{\"Records\":[" + FILLER + "," + r + "]}", "\n");
                }
                if (j % 29 == 0) {
                    line(out, starts, "comment", "// not a record", "\n");
                }
            }
        }
        return new SplitInput(out.toByteArray(), starts);
    }

    private static void line(ByteArrayOutputStream out, TreeMap<String, List<Long>> starts, String kind, String text,
            String end) {
        starts.computeIfAbsent(kind, k -> new ArrayList<>()).add((long) out.size());
        out.writeBytes((text + end).getBytes(StandardCharsets.UTF_8));
    }

    /** Another event of the same shape: new ids, so its findings are its own rather than duplicates. */
    private static String vary(String record, int copy) {
        return record.replace("\"eventID\":\"", "\"eventID\":\"c" + copy + "-")
                .replace("\"correlationId\":\"", "\"correlationId\":\"c" + copy + "-")
                .replace("\"insertId\":\"", "\"insertId\":\"c" + copy + "-");
    }

    /** Every record of the examples, as the reader hands them on (unwrapped), one line each. */
    static List<String> exampleRecords() throws IOException {
        Path examples = Paths.get(System.getProperty("user.dir")).resolve("../examples").normalize();
        List<String> out = new ArrayList<>();
        LogReader reader = new LogReader();
        for (Path f : ScreeningEquivalenceTest.files(examples)) {
            try (InputStream in = Files.newInputStream(f)) {
                reader.read(in, f.toString(), new RecordSink() {
                    @Override
                    public void record(Position position, JsonNode record) {
                        out.add(record.toString());
                    }

                    @Override
                    public void rejected(Rejection rejection) {
                    }

                    @Override
                    public void skipped(String reason) {
                    }
                });
            }
        }
        return out;
    }
}
