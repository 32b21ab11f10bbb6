package dev.sidedoor.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sidedoor.core.finding.Finding;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/finding.schema.json describes sidedoor's JSON: every finding of the examples validates against it. */
class FindingJsonSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void load() throws Exception {
        Path file = Paths.get(System.getProperty("user.dir")).resolve("../docs/finding.schema.json").normalize();
        try (InputStream in = Files.newInputStream(file)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        }
    }

    private static JsonNode json(Finding f) throws Exception {
        return MAPPER.readTree(JsonText.write(g -> FindingFormat.sidedoor().write(f, g)));
    }

    private static List<String> problems(JsonNode finding) {
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(finding)) {
            out.add(m.getMessage());
        }
        return out;
    }

    @Test
    void everyExampleFindingValidates() throws Exception {
        List<String> failures = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Finding f : ExampleFindings.all()) {
            JsonNode j = json(f);
            problems(j).forEach(p -> failures.add(f.rule().name() + " " + f.findingId() + ": " + p));
            j.fieldNames().forEachRemaining(seen::add);
            seen.add("outcome " + f.event().outcome());
            if (f.rule().runbook() != null) {
                seen.add("runbook");
            }
        }
        assertEquals(List.of(), failures);
        // The examples exercise the optional parts the schema documents.
        assertTrue(seen.containsAll(List.of("suppression", "baseline", "correlation", "runbook",
                "outcome in_progress", "outcome failure")), seen.toString());
    }

    @Test
    void anUnknownKeyAWrongValueOrAMissingKeyIsRefused() throws Exception {
        ObjectNode valid = (ObjectNode) json(ExampleFindings.all().get(0));
        assertEquals(List.of(), problems(valid));

        ObjectNode extra = valid.deepCopy();
        extra.put("finding_uid", "x");
        assertFalse(problems(extra).isEmpty());

        ObjectNode outcome = valid.deepCopy();
        ((ObjectNode) outcome.get("event")).put("outcome", "pending");
        assertFalse(problems(outcome).isEmpty());

        ObjectNode nullSummary = valid.deepCopy();
        nullSummary.putNull("summary");
        assertFalse(problems(nullSummary).isEmpty());

        ObjectNode missing = valid.deepCopy();
        missing.remove("region");
        assertFalse(problems(missing).isEmpty());

        ObjectNode suppressedWithout = valid.deepCopy();
        suppressedWithout.put("suppressed", true);
        suppressedWithout.remove("suppression");
        assertFalse(problems(suppressedWithout).isEmpty());

        ObjectNode origin = valid.deepCopy();
        origin.putObject("origin").put("file", "aws/x.json.gz").put("record", 3).putNull("line");
        assertEquals(List.of(), problems(origin));
        ((ObjectNode) origin.get("origin")).put("line", "3");
        assertFalse(problems(origin).isEmpty());
    }
}
