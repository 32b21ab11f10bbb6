package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.testing.HostileRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {

    @TempDir
    Path tmp;

    static final String KEY_PUSH = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-20T10:00:00Z\","
            + "\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
            + "\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"203.0.113.9\",\"eventID\":\"EVID\","
            + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/dev\"},"
            + "\"requestParameters\":{\"instanceId\":\"i-0abc1234567890def\",\"instanceOSUser\":\"ec2-user\"},"
            + "\"recipientAccountId\":\"111122223333\"}";

    @Test
    void examplesShowAFindingFromEveryBuiltInRule() throws Exception {
        Path examples = Cli.repo().resolve("examples");
        Cli r = Cli.run("scan", "--format", "jsonl", examples.toString());
        assertEquals(0, r.exit(), r.err());
        Set<String> fired = r.jsonLines().stream().map(f -> f.path("rule").path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> all = BuiltInRules.load().stream().map(SigmaRule::name)
                .collect(Collectors.toCollection(TreeSet::new));
        all.removeAll(fired);
        assertTrue(all.isEmpty(), "built-in rules with no finding in examples/: " + all);
    }

    @Test
    void aTimestampThatOverflowsIsMarkedAndItsNeighboursPrintedInEveryFormat() throws Exception {
        Path f = write("overflow.jsonl", String.join("\n",
                KEY_PUSH.replace("EVID", "before"),
                KEY_PUSH.replace("EVID", "odd").replace("2026-11-20T10:00:00Z", "+999999999-12-31T23:59:59Z"),
                KEY_PUSH.replace("EVID", "after").replace("10:00:00Z", "10:00:02Z")));
        for (String format : List.of("table", "jsonl", "ocsf")) {
            Cli r = Cli.run("scan", "--format", format, f.toString());
            assertEquals(0, r.exit(), format + ": " + r.err());
            assertTrue(r.err().contains("findings: 3"), format + ": " + r.err());
            if (!format.equals("table")) {
                assertEquals(3, r.jsonLines().size(), r.out());
                assertTrue(r.out().contains("event time unparseable"), r.out());
            }
        }
    }

    @Test
    void groupByCountsEveryPrintedFindingOncePerGroupWithFirstAndLastSeen() throws Exception {
        Path examples = Cli.repo().resolve("examples");
        Cli all = Cli.run("scan", "--format", "jsonl", "--min-severity", "medium", examples.toString());
        List<JsonNode> findings = all.jsonLines();
        Cli grouped = Cli.run("scan", "--format", "jsonl", "--min-severity", "medium", "--group-by", "actor,rule",
                examples.toString());
        assertEquals(0, grouped.exit(), grouped.err());
        List<JsonNode> groups = grouped.jsonLines();
        assertEquals(findings.size(), groups.stream().mapToLong(g -> g.path("count").asLong()).sum(),
                "every printed finding in exactly one group");
        long distinct = findings.stream().map(f -> f.path("actor").asText("-") + "|" + f.path("rule").path("name")
                .asText()).distinct().count();
        assertEquals(distinct, groups.size());
        for (int i = 1; i < groups.size(); i++) {
            assertTrue(groups.get(i - 1).path("count").asLong() >= groups.get(i).path("count").asLong(),
                    "most frequent first");
        }
        JsonNode top = groups.get(0);
        assertTrue(top.path("first_seen").asText().compareTo(top.path("last_seen").asText()) <= 0, top.toString());
        Cli table = Cli.run("scan", "--group-by", "person, session_type", examples.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().startsWith("PERSON") && table.out().contains("SESSION_TYPE")
                && table.out().contains("COUNT"), table.out());
    }

    @Test
    void groupByRefusesAFieldThatIsNotANameAndOcsf() throws Exception {
        Path examples = Cli.repo().resolve("examples");
        Cli bad = Cli.run("scan", "--group-by", "actor,$(rm -rf)", examples.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("is not a field name"), bad.err());
        Cli ocsf = Cli.run("scan", "--format", "ocsf", "--group-by", "actor", examples.toString());
        assertEquals(2, ocsf.exit());
        assertTrue(ocsf.err().contains("--group-by prints groups"), ocsf.err());
    }

    @Test
    void aFolderWalkPassesOverPlainTextBesideTheLogsAndNamesIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("delivery"));
        Files.writeString(dir.resolve("README.txt"), "This folder holds one day of CloudTrail.\n");
        Files.writeString(dir.resolve("notes.md"), "# notes\n");
        Files.writeString(dir.resolve("trail.log"), KEY_PUSH);
        Cli r = Cli.run("scan", "--format", "jsonl", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.jsonLines().size(), r.out());
        assertTrue(r.err().contains("passed over 2 file(s)") && r.err().contains("README.txt")
                && r.err().contains("notes.md"), r.err());
        Cli named = Cli.run("scan", "--format", "jsonl", dir.resolve("README.txt").toString());
        assertEquals(2, named.exit(), "a file named on the command line is read, and refused: " + named.err());
        assertTrue(named.err().contains("README.txt"), named.err());
    }

    @Test
    void commandTextIsRedactedUnlessFullIsAsked() throws Exception {
        Path f = Cli.repo().resolve("shared-core/src/test/resources/rule-fixtures/aws_ssm_send_command_shell/match/"
                + "06_commands_with_credentials.json");
        Cli redacted = Cli.run("scan", "--format", "jsonl", f.toString());
        assertEquals(0, redacted.exit(), redacted.err());
        assertFalse(redacted.out().contains("q7Rk2Wv9Zt4Lm8Np3Xs6Bd1Fh5Jc0Ge7Ty2Uo9Ia"), redacted.out());
        assertTrue(redacted.out().contains("[redacted sha256:"), redacted.out());
        Cli full = Cli.run("scan", "--command-text", "full", "--format", "jsonl", f.toString());
        assertTrue(full.out().contains("q7Rk2Wv9Zt4Lm8Np3Xs6Bd1Fh5Jc0Ge7Ty2Uo9Ia"), full.out());
    }

    @Test
    void jsonlFindingsCarryTheDocumentedKeys() throws Exception {
        Path f = write("one.json", KEY_PUSH);
        Cli r = Cli.run("scan", "--format", "jsonl", f.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = r.jsonLines();
        assertEquals(1, rows.size(), r.out());
        JsonNode x = rows.get(0);
        for (String k : List.of("finding_id", "rule", "severity", "provider", "event", "actor", "target", "source_ip",
                "account", "region", "summary", "suppressed")) {
            assertTrue(x.has(k), "missing key " + k + " in " + x);
        }
        for (String k : List.of("id", "title", "level")) {
            assertTrue(x.path("rule").has(k), "rule." + k);
        }
        for (String k : List.of("id", "time", "action")) {
            assertTrue(x.path("event").has(k), "event." + k);
        }
        assertEquals("aws", x.path("provider").asText());
        assertEquals("SendSSHPublicKey", x.path("event").path("action").asText());
        assertEquals("i-0abc1234567890def", x.path("target").asText());
        assertEquals("203.0.113.9", x.path("source_ip").asText());
        assertEquals("111122223333", x.path("account").asText());
        assertEquals("ec2-user", x.path("context").path("os_user").asText());
        assertTrue(x.path("techniques").toString().contains("T1021.008"), x.toString());
        assertFalse(x.path("suppressed").asBoolean());
    }

    @Test
    void findingIdsAreDeterministicAcrossRunsAndDeliveryPaths() throws Exception {
        Path bare = write("bare.json", KEY_PUSH);
        Path eb = write("eb.json", "{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\","
                + "\"source\":\"aws.ec2-instance-connect\",\"detail\":" + KEY_PUSH + "}");
        String a = Cli.run("scan", "--format", "jsonl", bare.toString()).jsonLines().get(0).path("finding_id").asText();
        String b = Cli.run("scan", "--format", "jsonl", eb.toString()).jsonLines().get(0).path("finding_id").asText();
        String c = Cli.run("scan", "--format", "jsonl", bare.toString()).jsonLines().get(0).path("finding_id").asText();
        assertEquals(a, b);
        assertEquals(a, c);
        Cli both = Cli.run("scan", "--format", "jsonl", bare.toString(), eb.toString());
        assertEquals(1, both.jsonLines().size(), "the same event twice is one finding");
        assertTrue(both.err().contains("duplicates folded: 1"), both.err());
    }

    @Test
    void anAzureOperationSplitAcrossFilesIsOneFindingWithItsFinalOutcome() throws Exception {
        String rec = "{\"time\":\"2026-11-18T10:0%d:00Z\",\"operationName\":\"MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION\","
                + "\"resultType\":\"%s\",\"category\":\"Administrative\",\"correlationId\":\"c0ffee00-0000-4000-8000-000000000001\","
                + "%s\"resourceId\":\"/subscriptions/0b1c/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1\"}";
        Path dir = Files.createDirectories(tmp.resolve("hours"));
        Files.writeString(dir.resolve("PT1H-10.json"), "{\"records\":[" + String.format(rec, 1, "Start",
                "\"callerIpAddress\":\"198.51.100.9\",") + "]}");
        Files.writeString(dir.resolve("PT1H-11.json"), "{\"records\":[" + String.format(rec, 2, "Success", "") + "]}");
        Cli r = Cli.run("scan", "--format", "jsonl", dir.toString());
        List<JsonNode> rows = r.jsonLines();
        assertEquals(1, rows.size(), r.out());
        assertEquals("success", rows.get(0).path("event").path("outcome").asText());
        assertEquals("198.51.100.9", rows.get(0).path("source_ip").asText());
        assertTrue(r.err().contains("duplicates folded: 1"), r.err());
    }

    @Test
    void ocsfOutputIsADetectionFinding() throws Exception {
        Path f = write("one.json", KEY_PUSH);
        JsonNode o = Cli.run("scan", "--format", "ocsf", f.toString()).jsonLines().get(0);
        assertEquals(2004, o.path("class_uid").asInt());
        assertEquals(2, o.path("category_uid").asInt());
        assertEquals(200401, o.path("type_uid").asLong());
        assertTrue(o.path("finding_info").path("uid").asText().startsWith("sd-"));
        assertEquals("sidedoor", o.path("metadata").path("product").path("name").asText());
        JsonNode attack = o.path("finding_info").path("attacks").get(0);
        assertEquals("T1021", attack.path("technique").path("uid").asText());
        assertEquals("T1021.008", attack.path("sub_technique").path("uid").asText());
        assertEquals(1795168800000L, o.path("time").asLong());
        assertTrue(o.path("severity_id").asInt() >= 1);
    }

    @Test
    void tableShowsTheColumns() throws Exception {
        Path f = write("one.json", KEY_PUSH);
        Cli r = Cli.run("scan", f.toString());
        assertEquals(0, r.exit(), r.err());
        String header = r.out().lines().findFirst().orElseThrow();
        for (String col : List.of("TIME", "SEVERITY", "M", "ACCOUNT", "ACTOR", "ACTION", "TARGET")) {
            assertTrue(header.contains(col), header);
        }
        assertTrue(r.out().contains("SendSSHPublicKey"), r.out());
        assertTrue(r.err().contains("scanned 1 file(s)"), r.err());
    }

    @Test
    void failOnExitsOneOnlyWhenReached() throws Exception {
        Path f = write("one.json", KEY_PUSH);
        assertEquals(1, Cli.run("scan", "--format", "jsonl", "--fail-on", "low", f.toString()).exit());
        assertEquals(0, Cli.run("scan", "--format", "jsonl", "--fail-on", "critical", f.toString()).exit());
        assertEquals(2, Cli.run("scan", "--fail-on", "loud", f.toString()).exit());
    }

    @Test
    void minSeverityHidesButCountsLowerFindings() throws Exception {
        Path examples = Cli.repo().resolve("examples");
        Cli all = Cli.run("scan", "--format", "jsonl", examples.toString());
        Cli high = Cli.run("scan", "--format", "jsonl", "--min-severity", "high", examples.toString());
        assertEquals(0, high.exit(), high.err());
        long expected = all.jsonLines().stream().filter(f -> f.path("severity").asText().matches("high|critical")).count();
        assertTrue(expected > 0);
        assertEquals(expected, high.jsonLines().size());
        assertTrue(high.err().contains("not shown (below --min-severity): " + (all.jsonLines().size() - expected)),
                high.err());
        assertEquals(2, Cli.run("scan", "--min-severity", "urgent", examples.toString()).exit());
    }

    @Test
    void hostileInputIsNamedAndNeighboursAreStillScanned() throws Exception {
        String good2 = KEY_PUSH.replace("EVID", "EVID2");
        Path f = write("mixed.jsonl", KEY_PUSH + "\n{\"eventName\": \"SendSSH\n" + good2 + "\n");
        Path bin = tmp.resolve("blob.json");
        Files.write(bin, new byte[] {0, 1, 2, 3, (byte) 0xff, 0x10, 0, 0});
        Path missing = tmp.resolve("nope.json");
        Cli r = Cli.run("scan", "--format", "jsonl", f.toString(), bin.toString(), missing.toString());
        assertEquals(2, r.exit());
        assertEquals(2, r.jsonLines().size(), r.out());
        assertTrue(r.err().contains(f + ": record 2 (line 2"), r.err());
        assertTrue(r.err().contains(bin + ": file: not a JSON log"), r.err());
        assertTrue(r.err().contains(missing + ": no such file or directory"), r.err());
    }

    @Test
    void readsStandardInput() throws Exception {
        var original = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(KEY_PUSH.getBytes(StandardCharsets.UTF_8)));
            Cli r = Cli.run("scan", "--format", "jsonl", "-");
            assertEquals(0, r.exit(), r.err());
            assertEquals(1, r.jsonLines().size());
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void suppressedFindingsAreCountedAndShownOnRequest() throws Exception {
        Path f = write("one.json", KEY_PUSH);
        Path tuning = write("tuning.yml", "suppressions:\n"
                + "  - id: dev-box\n"
                + "    rule: \"aws_ec2_instance_connect_*\"\n"
                + "    match:\n"
                + "      actor: \"arn:aws:iam::111122223333:user/dev\"\n"
                + "    reason: \"lab account, ticket SEC-1\"\n"
                + "    expires: 2099-01-01\n");
        Cli hidden = Cli.run("scan", "--format", "jsonl", "--tuning", tuning.toString(), f.toString());
        assertEquals(0, hidden.exit(), hidden.err());
        assertEquals(0, hidden.jsonLines().size());
        assertTrue(hidden.err().contains("suppressed: 1"), hidden.err());
        Cli shown = Cli.run("scan", "--format", "jsonl", "--show-suppressed", "--tuning", tuning.toString(), f.toString());
        JsonNode x = shown.jsonLines().get(0);
        assertTrue(x.path("suppressed").asBoolean());
        assertEquals("dev-box", x.path("suppression").path("id").asText());
    }

    @Test
    void terminalOutputNeverCarriesEscapeSequencesFromLogs() throws Exception {
        String evil = KEY_PUSH.replace("arn:aws:iam::111122223333:user/dev", "\\u001b[2J\\u001b]0;pwned\\u0007evil\\nnext");
        Path f = write("evil.json", evil);
        Cli r = Cli.run("scan", f.toString());
        assertFalse(r.out().contains("\u001b"), "ESC reached the terminal");
        assertEquals(2, r.out().lines().filter(l -> !l.startsWith("M: ")).count(), "header and one row: " + r.out());
    }

    @Test
    void jsonOutputIsAsciiAndEmptyWhenNothingIsFound() throws Exception {
        Path f = write("odd.json", KEY_PUSH.replace("user/dev", "user/d\u00e9v\u202e\u009b"));
        Cli r = Cli.run("scan", "--format", "jsonl", f.toString());
        assertTrue(r.out().chars().allMatch(c -> c < 128), r.out());
        assertTrue(r.out().contains("\\u202E") || r.out().contains("\\u202e"), r.out());
        assertEquals("arn:aws:iam::111122223333:user/d\u00e9v\u202e\u009b", r.jsonLines().get(0).path("actor").asText());
        Path none = write("none.json", "{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}");
        assertEquals("", Cli.run("scan", "--format", "jsonl", none.toString()).out());
    }

    @Test
    void rulesTestRunsFixturesBesideTheRuleLikeATestRunner() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("my-rules"));
        Files.writeString(dir.resolve("my_ssm_doc.yml"), """
                title: My SSM document
                level: high
                logsource:
                  product: aws
                  service: cloudtrail
                detection:
                  selection:
                    eventName: SendCommand
                    requestParameters.documentName: My-Doc
                  condition: selection
                """);
        String send = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":"
                + "\"SendCommand\",\"eventID\":\"%s\",\"eventTime\":\"2026-12-01T10:00:00Z\","
                + "\"requestParameters\":{\"documentName\":\"%s\"}}";
        Path match = Files.createDirectories(dir.resolve("my_ssm_doc/match"));
        Path nomatch = Files.createDirectories(dir.resolve("my_ssm_doc/nomatch"));
        Files.writeString(match.resolve("doc.json"), send.formatted("e1", "My-Doc"));
        Files.writeString(nomatch.resolve("other-doc.json"), send.formatted("e2", "AWS-RunShellScript"));
        Cli ok = Cli.run("rules", "test", dir.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("1 rule(s), 2 fixture(s): 2 passed, 0 failed"), ok.out());

        Files.writeString(nomatch.resolve("wrongly-listed.json"), send.formatted("e3", "my-doc"));
        Cli failed = Cli.run("rules", "test", dir.toString());
        assertEquals(1, failed.exit(), failed.out());
        assertTrue(failed.out().contains("FAIL  my_ssm_doc/nomatch/wrongly-listed.json: matched: My SSM document"),
                failed.out());

        Files.delete(nomatch.resolve("wrongly-listed.json"));
        Files.delete(nomatch.resolve("other-doc.json"));
        Cli untested = Cli.run("rules", "test", "--strict", dir.toString());
        assertEquals(1, untested.exit(), untested.out());
        assertTrue(untested.out().contains("FAIL  my_ssm_doc: no nomatch/ look-alikes"), untested.out());
    }

    @Test
    void rulesSyncRegeneratesTheReadmeTableAndBothEventBridgePatterns() throws Exception {
        Path project = Path.of("..");
        Path root = Files.createDirectories(tmp.resolve("project"));
        for (String f : List.of("README.md", "template.yaml", "template-forwarder.yaml")) {
            Files.copy(project.resolve(f), root.resolve(f));
        }
        Cli current = Cli.run("rules", "sync", "--check", "--root", root.toString());
        assertEquals(0, current.exit(), current.out() + current.err());

        Files.writeString(root.resolve("README.md"), Files.readString(root.resolve("README.md"))
                .replace("| `aws_ssm_start_session_shell` |", "| `aws_ssm_old_name` |"));
        Files.writeString(root.resolve("template.yaml"), Files.readString(root.resolve("template.yaml"))
                .replace("                      - StartAutomationExecution\n", ""));
        Files.writeString(root.resolve("template-forwarder.yaml"), Files.readString(
                root.resolve("template-forwarder.yaml")).replace("- prefix: aws.", "- prefix: aws.x"));
        Cli stale = Cli.run("rules", "sync", "--check", "--root", root.toString());
        assertEquals(1, stale.exit(), stale.out());
        assertEquals(3, stale.out().lines().filter(l -> l.startsWith("STALE")).count(), stale.out());

        Cli sync = Cli.run("rules", "sync", "--root", root.toString());
        assertEquals(0, sync.exit(), sync.out() + sync.err());
        for (String f : List.of("README.md", "template.yaml", "template-forwarder.yaml")) {
            assertEquals(Files.readString(project.resolve(f)), Files.readString(root.resolve(f)), f);
        }
    }

    @Test
    void rulesTestOfTheBuiltInPackPasses() {
        Path fixtures = Path.of("..", "shared-core", "src", "test", "resources", "rule-fixtures");
        Cli r = Cli.run("rules", "test", "--builtin", "--strict", "--fixtures", fixtures.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains(" 0 failed; 0 rule(s) without both kinds"), r.out());
        assertFalse(r.err().contains("hint"), r.err());
        // Without --fixtures the built-in rules have none in the jar: the run says where they are.
        Cli bare = Cli.run("rules", "test", "--builtin");
        assertTrue(bare.err().contains("add --fixtures " + RulesCommand.TestRules.BUILT_IN_FIXTURES), bare.err());
    }

    @Test
    void aTuningFileReportsEveryBrokenEntryOnItsOwnLine() throws Exception {
        Path tuning = write("tuning.yml", "suppressions:\n  - id: a\n    rule: \"aws_*\"\n    reason: r\n"
                + "  - id: b\n    rule: \"aws_*\"\n    expires: 2027-01-01\n");
        Path none = write("none.json", "{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}");
        Cli r = Cli.run("scan", "--tuning", tuning.toString(), none.toString());
        assertEquals(2, r.exit(), r.err());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("sidedoor: tuning error: ")).toList();
        assertEquals(2, errors.size(), r.err());
        assertTrue(errors.get(0).contains("tuning.yml:2: suppression 'a' is missing 'expires'"), errors.get(0));
        assertTrue(errors.get(1).contains("tuning.yml:5: suppression 'b' is missing 'reason'"), errors.get(1));
    }

    @Test
    void rulesValidateOfAMissingDirectoryIsAUsageError() {
        assertEquals(2, Cli.run("rules", "validate", tmp.resolve("missing").toString()).exit());
    }

    @Test
    void rulesValidateLoadsEverySigmaHqRule() {
        Path sigmahq = Cli.shared().resolve("sigmahq");
        assumeTrue(Files.isDirectory(sigmahq), "shared/sigmahq not present");
        Cli r = Cli.run("rules", "validate", sigmahq.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("229 rule(s) loaded, 0 error(s)"), r.out());
    }

    @Test
    void rulesValidateNamesFileAndLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(dir.resolve("bad.yml"), "title: broken\nlogsource:\n  product: aws\ndetection:\n"
                + "  selection:\n    eventName|sometimes: x\n  condition: selection\n");
        Cli r = Cli.run("rules", "validate", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("bad.yml:6:"), r.out());
    }

    @Test
    void rulesValidateRejectsAnUnknownLevel() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("levels"));
        Files.writeString(dir.resolve("banana.yml"), "title: t\nlevel: banana\nlogsource:\n  product: aws\n"
                + "detection:\n  selection:\n    eventName: x\n  condition: selection\n");
        Cli r = Cli.run("rules", "validate", dir.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("banana.yml:2: unknown level 'banana'"), r.out());
    }

    @Test
    void rulesValidateNamesFileAndLineOfBrokenCorrelations() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("correlations"));
        Files.writeString(dir.resolve("mr_fine.yml"), """
                title: many sessions
                correlation:
                    type: value_count
                    rules: [aws_ssm_start_session_shell, my_rule]
                    group-by: [sidedoor.actor]
                    timespan: 1h
                    condition: {field: sidedoor.target, gt: 3}
                ---
                title: mine
                name: my_rule
                logsource: {product: aws, service: cloudtrail}
                detection: {sel: {eventName: StartSession}, condition: sel}
                """);
        Files.writeString(dir.resolve("mr_bad_span.yml"), """
                title: bad span
                correlation:
                    type: temporal
                    rules: [aws_ssm_start_session_shell, my_rule]
                    group-by: [sidedoor.actor]
                    timespan: 1w
                """);
        Files.writeString(dir.resolve("mr_unknown.yml"), """
                title: unknown rule
                correlation:
                    type: temporal_ordered
                    rules:
                        - my_rule
                        - no_such_rule
                    group-by: [sidedoor.actor]
                    timespan: 1h
                """);
        Cli r = Cli.run("rules", "validate", dir.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("error: " + dir.resolve("mr_bad_span.yml") + ":6: timespan '1w'"), r.out());
        assertTrue(r.out().contains("error: " + dir.resolve("mr_unknown.yml") + ":6: no rule or correlation has "
                + "the id or name 'no_such_rule'"), r.out());
        assertTrue(r.out().contains("1 rule(s) loaded, 2 error(s)"), r.out());
        assertTrue(r.out().contains("1 correlation rule(s) linked"), r.out());
    }

    @Test
    void rulesValidateNamesFileAndLineOfRulesBuiltToCrashTheLoader() throws Exception {
        Path dir = HostileRules.write(tmp.resolve("hostile"));
        Files.writeString(dir.resolve("fine.yml"), "title: fine\nlogsource:\n  product: aws\ndetection:\n"
                + "  selection:\n    eventName: x\n  condition: selection\n");
        Cli r = Cli.run("rules", "validate", dir.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        HostileRules.LINES.forEach((file, line) -> assertTrue(
                r.out().contains("error: " + dir.resolve(file) + ":" + line + ": "), file + " in " + r.out()));
        assertTrue(r.out().contains("1 rule(s) loaded, " + HostileRules.LINES.size() + " error(s)"), r.out());
        assertTrue(r.out().length() < 10_000, "no rule text echoed whole: " + r.out().length());
    }

    @Test
    void rulesListShowsTheBuiltInPack() {
        Cli r = Cli.run("rules", "list");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("T1021.008"), r.out());
        assertTrue(r.out().contains(BuiltInRules.load().size() + " rule(s)"), r.out());
    }

    @Test
    void falconAidmasterNamesDataReplicatorHostsAndABadTableIsAnInputError() throws Exception {
        Path fdr = Cli.repo().resolve("examples/falcon/fdr");
        Path data = fdr.resolve("data");
        Path aidmaster = fdr.resolve("aidmaster/aidmaster-20261118.jsonl");
        Cli bare = Cli.run("scan", "--no-baseline", "--format", "jsonl", data.toString());
        assertEquals(0, bare.exit(), bare.err());
        Set<String> ids = bare.jsonLines().stream().map(f -> f.path("target").asText()).collect(Collectors.toSet());
        assertTrue(ids.stream().allMatch(t -> t.matches("[0-9a-f]{32}")), "hosts by aid without a table: " + ids);
        Cli named = Cli.run("scan", "--no-baseline", "--format", "jsonl", "--falcon-aidmaster", aidmaster.toString(),
                data.toString());
        assertEquals(0, named.exit(), named.err());
        assertEquals(bare.jsonLines().size(), named.jsonLines().size());
        Set<String> names = named.jsonLines().stream().map(f -> f.path("target").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("ip-10-20-1-15", "ip-10-20-2-31", "ip-10-20-3-52", "ip-10-20-0-9"), names);
        assertTrue(named.err().contains("falcon tables: 4 host(s), 0 user(s)"), named.err());
        Path junk = write("not-a-table.jsonl", "{\"eventSource\":\"x\"}\n{broken\n");
        Cli odd = Cli.run("scan", "--no-baseline", "--falcon-aidmaster", junk.toString(), data.toString());
        assertEquals(0, odd.exit(), "a table with odd lines is used for what it holds: " + odd.err());
        assertTrue(odd.err().contains("falcon table: ") && odd.err().contains("neither an aidmaster host"), odd.err());
        Cli missing = Cli.run("scan", "--falcon-aidmaster", tmp.resolve("nope.jsonl").toString(), data.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--falcon-aidmaster") && missing.err().contains("cannot read"), missing.err());
    }

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }
}
