package dev.sidedoor.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every load error names the file and the line a reviewer has to fix. */
class TuningLoadErrorTest {

    static TuningException error(String yaml) {
        return assertThrows(TuningException.class, () -> Tuning.parse(yaml, "t.yml"));
    }

    static void assertError(String yaml, int line, String reason) {
        TuningException e = error(yaml);
        assertEquals("t.yml:" + line + ": " + reason, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(reason, e.reason());
        assertEquals("t.yml", e.source());
    }

    static final String OK_ENTRY = """
            suppressions:
              - id: ok
                rule: "*"
                match: {account: "111122223333"}
                reason: fine
                expires: 2027-01-01
            """;

    @Test
    void unknownTopLevelKey() {
        assertError(OK_ENTRY + "supressions: []\n", 7,
                "unknown key 'supressions' in the top level; expected one of: suppressions, trusted_networks, "
                        + "sensitive_targets, baseline, sigma_filters");
    }

    @Test
    void unknownKeyInSuppression() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    reasn: typo
                    expires: 2027-01-01
                """, 4, "unknown key 'reasn' in a suppression; expected one of: id, rule, match, reason, expires");
    }

    @Test
    void unknownMatchField() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    match:
                      actor: "*"
                      source_address: 10.0.0.0/8
                    reason: r
                    expires: 2027-01-01
                """, 6, "unknown field 'source_address' in match of suppression 's1'; fields: rule.id, rule.name, "
                + "rule.title, severity, provider, actor, target, source_ip, account, region, user_agent, "
                + "event.action, event.service, event.outcome, context.<key>");
    }

    @Test
    void bareContextPrefixIsUnknown() {
        TuningException e = error("""
                suppressions:
                  - id: s1
                    rule: "*"
                    match: {"context.": x}
                    reason: r
                    expires: 2027-01-01
                """);
        assertEquals(4, e.line());
        assertTrue(e.reason().startsWith("unknown field 'context.'"), e.reason());
    }

    @Test
    void missingReason() {
        assertError(OK_ENTRY + """
                  - id: no-reason
                    rule: "*"
                    expires: 2027-01-01
                """, 7, "suppression 'no-reason' is missing 'reason'");
    }

    @Test
    void emptyReason() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    reason:
                    expires: 2027-01-01
                """, 4, "suppression 's1': reason is empty");
    }

    @Test
    void blankReason() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    reason: "   "
                    expires: 2027-01-01
                """, 4, "suppression 's1': reason is blank; say why these findings are expected (ticket, owner)");
    }

    @Test
    void missingExpires() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    reason: r
                """, 2, "suppression 's1' is missing 'expires' (YYYY-MM-DD; every suppression must end)");
    }

    @Test
    void emptyExpires() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    reason: r
                    expires: ""
                """, 5, "suppression 's1': expires is empty; write a date as YYYY-MM-DD");
    }

    @Test
    void unparseableExpires() {
        for (String bad : new String[] {"31/03/2027", "2027-02-30", "2027-3-31", "next quarter",
                "2027-03-31T00:00:00Z"}) {
            assertError("""
                    suppressions:
                      - id: s1
                        rule: "*"

                        reason: r
                        expires: %s
                    """.formatted(bad), 6,
                    "suppression 's1': expires '" + bad + "' is not a date; write YYYY-MM-DD");
        }
    }

    @Test
    void duplicateIds() {
        assertError(OK_ENTRY + """
                  - id: ok
                    rule: "*"
                    reason: again
                    expires: 2027-01-01
                """, 7, "duplicate suppression id 'ok' (first used at line 2)");
    }

    @Test
    void invalidIds() {
        assertError("""
                suppressions:
                  - id: "patch baseline"
                    rule: "*"
                    reason: r
                    expires: 2027-01-01
                """, 2, "suppression id 'patch baseline' must be 1-100 letters, digits, '.', '_' or '-', starting "
                + "with a letter or digit");
        assertError("""
                suppressions:
                  - rule: "*"
                    reason: r
                    expires: 2027-01-01
                """, 2, "a suppression is missing 'id'");
    }

    @Test
    void missingOrEmptyRule() {
        assertError("""
                suppressions:
                  - id: s1
                    reason: r
                    expires: 2027-01-01
                """, 2, "suppression 's1' is missing 'rule' (a glob over rule name, id or title)");
        assertError("""
                suppressions:
                  - id: s1
                    rule: []
                    reason: r
                    expires: 2027-01-01
                """, 3, "suppression 's1': rule is an empty list");
    }

    @Test
    void invalidCidrInMatch() {
        String template = """
                suppressions:
                  - id: s1
                    rule: "*"
                    match:
                      source_ip:
                        - ssm.amazonaws.com
                        - %s
                    reason: r
                    expires: 2027-01-01
                """;
        assertError(template.formatted("10.0.0.0/33"), 7, "invalid CIDR '10.0.0.0/33': prefix length must be 0-32");
        assertError(template.formatted("10.1.0.0/8"), 7,
                "invalid CIDR '10.1.0.0/8': the address has bits set beyond the prefix (did you mean 10.0.0.0/8?)");
        assertError(template.formatted("10.0.0.256/32"), 7,
                "invalid CIDR '10.0.0.256/32': '10.0.0.256' is not an IPv4 or IPv6 address");
        assertError(template.formatted("vpn.example.com/24"), 7,
                "invalid CIDR 'vpn.example.com/24': 'vpn.example.com' is not an IPv4 or IPv6 address");
        assertError(template.formatted("\"2001:db8::/129\""), 7,
                "invalid CIDR '2001:db8::/129': prefix length must be 0-128");
    }

    @Test
    void invalidCidrInTrustedNetwork() {
        assertError("""
                trusted_networks:
                  - name: vpn
                    cidrs:
                      - 203.0.113.0/24
                      - 203.0.113.0/2x
                """, 5, "trusted network 'vpn': invalid CIDR '203.0.113.0/2x': prefix length must be 0-32");
        assertError("""
                trusted_networks:
                  - name: vpn
                    cidr: vpn.example.com
                """, 3, "trusted network 'vpn': invalid CIDR 'vpn.example.com': 'vpn.example.com' is not an IPv4 "
                + "or IPv6 address");
    }

    @Test
    void trustedNetworkShape() {
        assertError("""
                trusted_networks:
                  - name: vpn
                """, 2, "trusted network 'vpn' is missing 'cidr' (or 'cidrs': a list)");
        assertError("""
                trusted_networks:
                  - name: vpn
                    cidr: 203.0.113.0/24
                    cidrs: [198.51.100.0/24]
                """, 4, "trusted network 'vpn': use either cidr or cidrs, not both");
        assertError("""
                trusted_networks:
                  - cidr: 203.0.113.0/24
                """, 2, "a trusted network is missing 'name'");
        assertError("""
                trusted_networks:
                  - name: vpn
                    cidr: 203.0.113.0/24
                    note: x
                """, 4, "unknown key 'note' in a trusted network; expected one of: name, cidr, cidrs");
    }

    @Test
    void sensitiveTargetShape() {
        assertError("""
                sensitive_targets:
                  - name: dbs
                    targets: "i-0db*"
                """, 3, "unknown key 'targets' in a sensitive target; expected one of: name, target");
        assertError("""
                sensitive_targets:
                  - name: dbs
                """, 2, "sensitive target 'dbs' is missing 'target' (a glob over the finding's target; may be a list)");
        assertError("""
                sensitive_targets:
                  - name: " "
                    target: x
                """, 2, "a sensitive target has a blank name");
    }

    @Test
    void unknownSeverityInMatch() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    match:
                      severity: [low, urgent]
                    reason: r
                    expires: 2027-01-01
                """, 5, "unknown severity 'urgent'; expected one of informational, low, medium, high, critical");
    }

    @Test
    void emptyMatchAndEmptyValues() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    match: {}
                    reason: r
                    expires: 2027-01-01
                """, 4, "suppression 's1': match is empty; list fields to match, or remove 'match' to suppress every "
                + "finding of the rule");
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    match:
                      actor:
                    reason: r
                    expires: 2027-01-01
                """, 5, "suppression 's1': match actor is empty");
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    match:
                      actor: ["a", ""]
                    reason: r
                    expires: 2027-01-01
                """, 5, "suppression 's1': match actor has an empty value; write \"*\" to match any value");
    }

    @Test
    void duplicateKeys() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    reason: r
                    reason: again
                    expires: 2027-01-01
                """, 5, "duplicate key 'reason' in a suppression (first at line 4)");
    }

    @Test
    void wrongShapes() {
        assertError("- just a list\n", 1, "the tuning file (expected keys: suppressions, trusted_networks, "
                + "sensitive_targets, baseline, sigma_filters) must be a mapping of key: value");
        assertError("suppressions:\n  id: s1\n", 2, "suppressions must be a list (each item starting with '- ')");
        assertError("suppressions:\n  - just text\n", 2, "each item of suppressions must be a mapping of key: value");
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    reason: {text: r}
                    expires: 2027-01-01
                """, 4, "suppression 's1': reason must be a single value, not a mapping");
    }

    @Test
    void yamlSyntaxErrorHasItsLine() {
        TuningException e = error("""
                suppressions:
                  - id: s1
                    rule: "*
                    reason: r
                """);
        assertEquals("t.yml:5: invalid YAML: while scanning a quoted scalar (from line 3): found unexpected end of "
                + "stream", e.getMessage());

        TuningException indent = error("""
                suppressions:
                  - id: s1
                    rule: "*"
                   reason: r
                """);
        assertEquals(4, indent.line(), indent.getMessage());

        TuningException tab = error("suppressions:\n  - id: s1\n\trule: x\n");
        assertEquals(3, tab.line(), tab.getMessage());
    }

    @Test
    void selfReferencingAliasIsAShapeErrorNotALoop() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: &r [x, *r]
                    reason: r
                    expires: 2027-01-01
                """, 3, "suppression 's1': rule must be a single value, not a list");
    }

    @Test
    void standardTagsAndPlainScalarsAreReadAsWritten() throws Exception {
        Tuning t = Tuning.parse("""
                suppressions:
                  - id: !!str 42
                    rule: "*"
                    match: {context.port: 0022, context.console: yes}
                    reason: !!str yes
                    expires: !!timestamp 2027-01-01
                """, "t.yml");
        dev.sidedoor.core.finding.Finding f = TestFindings.finding().context("port", "0022")
                .context("console", "yes").build();
        assertEquals("42", t.apply(f, java.time.LocalDate.of(2026, 11, 20)).suppression().id());
        assertEquals("yes", t.apply(f, java.time.LocalDate.of(2026, 11, 20)).suppression().reason());
    }

    @Test
    void onlyOneDocument() {
        TuningException e = error(OK_ENTRY + "---\nsuppressions: []\n");
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.reason().contains("single document"), e.getMessage());
    }

    @Test
    void noTagsThatConstructObjects() {
        assertError("""
                suppressions:
                  - id: s1
                    rule: !!javax.script.ScriptEngineManager [x]
                    reason: r
                    expires: 2027-01-01
                """, 3, "invalid YAML: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
        assertError("""
                suppressions:
                  - id: s1
                    rule: "*"
                    reason: !custom r
                    expires: 2027-01-01
                """, 4, "suppression 's1': reason: unsupported YAML tag !custom");
    }

    @Test
    void mergeKeysAreRejected() {
        assertError("""
                base: &base
                  rule: "*"
                suppressions:
                  - id: s1
                    <<: *base
                    reason: r
                    expires: 2027-01-01
                """, 1, "unknown key 'base' in the top level; expected one of: suppressions, trusted_networks, "
                + "sensitive_targets, baseline, sigma_filters");
        assertError("""
                suppressions:
                  - id: s1
                    <<: {rule: "*"}
                    reason: r
                    expires: 2027-01-01
                """, 3, "unknown key '<<' in a suppression; expected one of: id, rule, match, reason, expires");
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder y = new StringBuilder("suppressions:\n  - id: s1\n    rule: &a0 [x, x]\n");
        for (int i = 1; i <= 12; i++) {
            y.append("    k").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        TuningException e = error(y.toString());
        assertTrue(e.reason().startsWith("invalid YAML: ") && e.reason().contains("aliases"), e.getMessage());
    }

    @Test
    void fewAliasesAreFine() throws Exception {
        Tuning t = Tuning.parse("""
                trusted_networks:
                  - name: vpn
                    cidrs: &vpn [203.0.113.0/24]
                suppressions:
                  - id: s1
                    rule: "*"
                    match: {source_ip: *vpn}
                    reason: r
                    expires: 2027-01-01
                """, "t.yml");
        assertEquals(1, t.suppressionCount());
    }

    @Test
    void errorWithoutLineHasNoLinePrefix() {
        TuningException e = new TuningException("t.yml", 0, "file not found");
        assertEquals("t.yml: file not found", e.getMessage());
    }

    @Test
    void loadNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("tuning.yml");
        Files.writeString(bad, "suppressions:\n  - id: s1\n    rule: \"*\"\n    reason: r\n    expires: soon\n");
        TuningException e = assertThrows(TuningException.class, () -> Tuning.load(bad));
        assertEquals(bad + ":5: suppression 's1': expires 'soon' is not a date; write YYYY-MM-DD", e.getMessage());

        Path missing = dir.resolve("missing.yml");
        TuningException m = assertThrows(TuningException.class, () -> Tuning.load(missing));
        assertEquals(missing + ": file not found", m.getMessage());

        Path latin1 = dir.resolve("latin1.yml");
        Files.write(latin1, "trusted_networks:\n  - name: caf\u00e9\n    cidr: 10.0.0.0/8\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        TuningException enc = assertThrows(TuningException.class, () -> Tuning.load(latin1));
        assertEquals(latin1 + ": the file is not valid UTF-8", enc.getMessage());
    }

    @Test
    void everyBrokenEntryIsReportedAtOnce() {
        TuningException e = error("""
                suppressions:
                  - id: no-expiry
                    rule: "aws_*"
                    reason: r
                  - id: fine
                    rule: "aws_*"
                    reason: r
                    expires: 2027-01-01
                  - id: no-reason
                    rule: "aws_*"
                    expires: 2027-01-01
                trusted_networks:
                  - name: office
                    cidr: 10.0.0.0/33
                """);
        String[] lines = e.getMessage().split("\n");
        assertEquals(3, lines.length, e.getMessage());
        assertTrue(lines[0].startsWith("t.yml:2: "), lines[0]);
        assertTrue(lines[1].startsWith("t.yml:9: "), lines[1]);
        assertTrue(lines[2].startsWith("t.yml:14: ") || lines[2].startsWith("t.yml:13: "), lines[2]);
        assertEquals(2, e.line(), "the first error's line");
    }
}
