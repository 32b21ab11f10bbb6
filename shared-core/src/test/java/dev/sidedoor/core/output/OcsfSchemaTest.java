package dev.sidedoor.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.finding.AttackTags;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.sigma.SigmaRule;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every OCSF finding of the examples is valid under the official OCSF 1.1.0 schema files. */
class OcsfSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static OcsfSchema schema;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isRegularFile(OcsfSchema.location().resolve("dictionary.json")),
                "OCSF schema not present at " + OcsfSchema.location());
        schema = new OcsfSchema(OcsfSchema.location());
    }

    static JsonNode ocsf(Finding f) throws Exception {
        return MAPPER.readTree(JsonText.write(g -> FindingFormat.ocsf("0.1.0-test").write(f, g)));
    }

    @Test
    void everyExampleFindingIsAValidDetectionFinding() throws Exception {
        List<Finding> findings = ExampleFindings.all();
        List<String> failures = new ArrayList<>();
        Set<String> providers = new TreeSet<>();
        for (Finding f : findings) {
            providers.add(f.provider());
            for (String e : schema.validate(ocsf(f))) {
                failures.add(f.provider() + " " + f.rule().name() + " " + f.findingId() + ": " + e);
            }
        }
        assertTrue(findings.size() > 80, "examples gave " + findings.size() + " findings");
        assertEquals(Set.of("aws", "azure", "gcp", "entra", "crowdstrike", "defender", "sysmon"), providers);
        assertEquals(List.of(), failures, failures.size() + " problems");
    }

    @Test
    void everyTechniqueAndTacticOfTheBuiltInRulesHasItsAttackName() {
        List<String> unnamed = new ArrayList<>();
        for (SigmaRule r : BuiltInRules.load()) {
            AttackTags tags = AttackTags.of(r.tags());
            for (String t : tags.techniques()) {
                String parent = Attack.parentTechnique(t);
                if (Attack.techniqueName(t) == null || parent != null && Attack.techniqueName(parent) == null) {
                    unnamed.add(r.name() + ": " + t);
                }
            }
            tags.tactics().stream().filter(t -> Attack.tactic(t) == null).forEach(t -> unnamed.add(r.name() + ": " + t));
        }
        assertEquals(List.of(), unnamed);
    }

    @Test
    void anUndefinedAttributeAWrongEnumANullAndAMissingRequiredOneAreRefused() throws Exception {
        Finding f = ExampleFindings.all().get(0);
        ObjectNode valid = (ObjectNode) ocsf(f);
        assertEquals(List.of(), schema.validate(valid));

        ObjectNode undefined = valid.deepCopy();
        undefined.put("src_endpoint_guess", "x");
        ((ObjectNode) undefined.get("finding_info")).put("severity_text", "x");
        assertEquals(Set.of("src_endpoint_guess: not an attribute here",
                "finding_info.severity_text: not an attribute here"), Set.copyOf(schema.validate(undefined)));

        ObjectNode wrongEnum = valid.deepCopy();
        wrongEnum.put("status_id", 7);
        assertEquals(List.of("status_id: 7 is not one of the enum values [99, 0, 1, 2, 3, 4]"),
                schema.validate(wrongEnum));

        ObjectNode wrongCaption = valid.deepCopy();
        wrongCaption.put("severity", "Catastrophic");
        assertTrue(schema.validate(wrongCaption).get(0).startsWith("severity_id: "), schema.validate(wrongCaption).toString());

        ObjectNode nulls = valid.deepCopy();
        nulls.putNull("message");
        ((ObjectNode) nulls.get("unmapped")).putNull("x");
        assertEquals(List.of("message: null", "unmapped.x: null"), schema.validate(nulls));

        ObjectNode missing = valid.deepCopy();
        ((ObjectNode) missing.get("finding_info")).remove("uid");
        missing.remove("time");
        assertEquals(Set.of("finding_info.uid: required, missing", "time: required, missing"),
                Set.copyOf(schema.validate(missing)));
    }

    @Test
    void profileAttributesNeedTheirProfileAndTypesAreChecked() throws Exception {
        ObjectNode valid = (ObjectNode) ocsf(ExampleFindings.all().get(0));
        ObjectNode noProfiles = valid.deepCopy();
        ((ObjectNode) noProfiles.get("metadata")).remove("profiles");
        assertTrue(schema.validate(noProfiles).contains("cloud: not an attribute here without profile \"cloud\""),
                schema.validate(noProfiles).toString());

        ObjectNode wrongTypes = valid.deepCopy();
        wrongTypes.put("time", "2026-11-18T07:55:12Z");
        ((ObjectNode) wrongTypes.get("metadata")).put("version", 1);
        assertTrue(schema.validate(wrongTypes).containsAll(List.of("time: not a long", "metadata.version: not a string")),
                schema.validate(wrongTypes).toString());

        ObjectNode wrongType = valid.deepCopy();
        wrongType.put("type_uid", 200402);
        assertEquals(List.of("type_uid: 200402 is \"Detection Finding: Update\" but type_name says \"Detection Finding: Create\""),
                schema.validate(wrongType));
        wrongType.put("class_uid", 2999);
        assertEquals(List.of("class_uid/category_uid: no such class: 2999/2"), schema.validate(wrongType));
    }
}
