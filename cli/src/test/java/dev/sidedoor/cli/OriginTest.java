package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every finding says where its record is, and a person following it (without sidedoor's reader) finds the record
 * whose id is the finding's {@code event.id}.
 */
class OriginTest {

    @TempDir
    Path tmp;

    @Test
    void everyExampleFindingLeadsBackToItsRecord() throws Exception {
        Cli r = Cli.run("scan", "--format", "jsonl", Cli.repo().resolve("examples").toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> findings = r.jsonLines();
        assertTrue(findings.size() >= 80, "findings: " + findings.size());
        for (JsonNode f : findings) {
            JsonNode origin = f.path("origin");
            String where = f.path("finding_id").asText() + " " + origin;
            assertTrue(origin.path("file").isTextual() && origin.path("record").asLong() > 0, where);
            // The file as named on the command line (here an absolute path).
            Path file = Path.of(origin.path("file").asText());
            JsonNode record = nthRecord(file, (int) origin.path("record").asLong());
            String id = f.path("event").path("id").asText();
            assertFalse(id.isEmpty(), where);
            // Endpoint events without an id of their own are keyed "process id@timestamp": both parts are there.
            for (String part : id.split("@")) {
                assertTrue(holds(record, part), where + ": record does not carry " + part + ": " + clip(record));
            }
            if (origin.path("file").asText().endsWith("l") && origin.has("line")) {
                // JSON Lines: the line named is the record's own line.
                String line = Files.readAllLines(file, StandardCharsets.UTF_8).get(origin.path("line").asInt() - 1);
                assertTrue(line.contains(id), where);
            }
        }
    }

    @Test
    void rawRecordIsAddedOnRequestAndOriginNamesStdinAsDash() throws Exception {
        Path f = tmp.resolve("two.jsonl");
        Files.writeString(f, ScanCommandTest.KEY_PUSH.replace("EVID", "first") + "\n\n"
                + ScanCommandTest.KEY_PUSH.replace("EVID", "second") + "\n");
        Cli plain = Cli.run("scan", "--format", "jsonl", f.toString());
        assertFalse(plain.out().contains("\"raw\""), plain.out());
        Cli r = Cli.run("scan", "--format", "jsonl", "--include-raw", f.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = r.jsonLines();
        assertEquals(2, rows.size(), r.out());
        JsonNode second = rows.stream().filter(n -> n.path("event").path("id").asText().equals("second"))
                .findFirst().orElseThrow();
        assertEquals(2, second.path("origin").path("record").asInt());
        assertEquals(3, second.path("origin").path("line").asInt(), "the blank line is not a record");
        assertEquals("second", second.path("raw").path("eventID").asText(), second.toString());
        assertFalse(second.has("raw_clipped"));
    }

    /** The Nth record as a person counts them: the Nth line, array element or Records element. */
    static JsonNode nthRecord(Path file, int n) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (InputStream in = open(file);
             MappingIterator<JsonNode> docs = Cli.JSON.readerFor(JsonNode.class).readValues(in)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc.isArray()) {
                    doc.forEach(records::add);
                } else if (wrapper(doc) != null) {
                    wrapper(doc).forEach(records::add);
                } else {
                    records.add(doc);
                }
            }
        }
        return records.get(n - 1);
    }

    private static JsonNode wrapper(JsonNode doc) {
        for (String key : List.of("Records", "records", "Events", "value")) {
            if (doc.path(key).isArray() && !doc.has("eventName") && !doc.has("operationName")) {
                return doc.get(key);
            }
        }
        return null;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    /** True when some string in the record is, or (embedded JSON) contains, the id. */
    private static boolean holds(JsonNode n, String id) {
        if (n.isTextual()) {
            return n.textValue().equals(id) || n.textValue().contains("\"" + id + "\"");
        }
        if (n.isNumber()) {
            return n.asText().equals(id);
        }
        for (JsonNode c : n) {
            if (holds(c, id)) {
                return true;
            }
        }
        return false;
    }

    private static String clip(JsonNode n) {
        String s = n.toString();
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
