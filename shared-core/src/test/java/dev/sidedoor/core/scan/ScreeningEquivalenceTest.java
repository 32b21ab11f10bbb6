package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.RecordScreen;
import dev.sidedoor.core.rules.BuiltInRules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Screening (passing over records no rule can match, read by a byte loop) must never change what is found:
 * the engine's findings equal those of building and evaluating every record, on the examples, the rule
 * fixtures and the public corpus, and on records written to tempt the screen into a mistake.
 */
class ScreeningEquivalenceTest {

    private static final dev.sidedoor.core.scan.Engine ENGINE = new Engine(BuiltInRules.load(),
            dev.sidedoor.core.tuning.Tuning.none(), java.time.Clock.systemUTC());

    /** Every record built and evaluated, no screen: the reference. */
    static TreeSet<String> reference(byte[] bytes) throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        for (Finding f : ENGINE.scan(new ByteArrayInputStream(bytes), "ref", RecordScreen.ALL).findings()) {
            ids.add(f.findingId());
        }
        return ids;
    }

    static TreeSet<String> screened(byte[] bytes) throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        for (Finding f : ENGINE.scan(new ByteArrayInputStream(bytes), "screened").findings()) {
            ids.add(f.findingId());
        }
        return ids;
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".gz") || n.endsWith(".jsonc");
            }).sorted().toList();
        }
    }

    @Test
    void screeningNeverChangesFindings() throws IOException {
        Path root = Paths.get(System.getProperty("user.dir"));
        List<Path> all = new ArrayList<>();
        all.addAll(files(root.resolve("../examples").normalize()));
        all.addAll(files(root.resolve("src/test/resources/rule-fixtures")));
        all.addAll(files(root.resolve("../../shared/corpus").normalize()));
        assertTrue(all.size() > 200, "expected examples and fixtures, found " + all.size());
        int withFindings = 0;
        for (Path p : all) {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(p)) {
                bytes = in.readAllBytes();
            }
            TreeSet<String> expected = reference(bytes);
            assertEquals(expected, screened(bytes), p.toString());
            if (!expected.isEmpty()) {
                withFindings++;
            }
        }
        assertTrue(withFindings > 150, "too few files with findings: " + withFindings);
    }

    @Test
    void recordsWrittenToFoolTheScreenAreStillFound() throws IOException {
        String base = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"StartSession\","
                + "\"eventID\":\"ID\",\"requestParameters\":{\"target\":\"i-0123456789abcdef0\"}}";
        List<String> tricks = List.of(
                base.replace("\"eventName\"", "\"event\\u004eame\""),            // escaped key
                base.replace("\"StartSession\"", "\"Start\\u0053ession\""),       // escaped value
                base.replace("\"eventName\":\"StartSession\",", ""),             // no event name: not CloudTrail
                "{\"eventSource\":\"ssm.amazonaws.com\",\"nested\":{\"eventName\":\"x\"},\"eventName\":\"StartSession\","
                        + "\"eventID\":\"N\",\"requestParameters\":{\"target\":\"i-1\"}}",  // decoy nested key
                "{\"eventName\":\"GetParameter\",\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"StartSession\","
                        + "\"eventID\":\"D\"}",                                      // duplicate key: last wins
                "{ \"eventSource\" : \"ssm.amazonaws.com\" ,\n \"eventName\" :\t\"StartSession\" , \"eventID\": \"W\" }",
                "{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"StartSession\",\"eventID\":\"U\","
                        + "\"userAgent\":\"caf\u00e9 \u2603\"}");
        for (String t : tricks) {
            for (String shape : List.of("{\"Records\":[%s]}", "[%s]", "%s\n", "{\"Records\":[{\"eventSource\":"
                    + "\"s3.amazonaws.com\",\"eventName\":\"GetObject\"},%s]}")) {
                byte[] bytes = String.format(shape, t).getBytes(StandardCharsets.UTF_8);
                assertEquals(reference(bytes), screened(bytes), shape + " with " + t);
            }
        }
        byte[] dup = String.format("{\"Records\":[%s]}", tricks.get(4)).getBytes(StandardCharsets.UTF_8);
        assertEquals(1, screened(dup).size(), "duplicate key: the last eventName decides, as in the tree");
        byte[] escaped = String.format("{\"Records\":[%s]}", tricks.get(1)).getBytes(StandardCharsets.UTF_8);
        assertEquals(1, screened(escaped).size(), "an escaped event name is decoded, not passed over");
    }

    /** Whole findings, not only ids: Azure findings are settled from sibling records (outcome, caller IP). */
    static List<String> rendered(byte[] bytes, boolean screen) throws IOException {
        InputResult r = screen ? ENGINE.scan(new ByteArrayInputStream(bytes), "s")
                : ENGINE.scan(new ByteArrayInputStream(bytes), "s", RecordScreen.ALL);
        List<String> out = new ArrayList<>();
        dev.sidedoor.core.output.FindingFormat format = dev.sidedoor.core.output.FindingFormat.sidedoor();
        for (Finding f : r.findings()) {
            out.add(dev.sidedoor.core.output.JsonText.write(g -> format.write(f, g)));
        }
        out.sort(null);
        return out;
    }

    @Test
    void azureScreeningPassesOverWholeOperationsOnlyAndNeverChangesAFinding() throws IOException {
        String runCommand = "{'time':'2026-11-18T10:00:0%dZ','resourceId':'/SUBSCRIPTIONS/0B1C/RESOURCEGROUPS/RG/PROVIDERS/"
                + "MICROSOFT.COMPUTE/VIRTUALMACHINES/VM1','operationName':'%s','category':'Administrative',"
                + "'resultType':'%s','correlationId':'c0ffee00-0000-4000-8000-00000000000%d'%s,"
                + "'identity':{'claims':{'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn':'eve@x.example'}}}";
        String op = "MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION";
        List<String> records = List.of(
                String.format(runCommand, 1, op, "Start", 1, ",'callerIpAddress':'198.51.100.9'"),
                String.format(runCommand, 2, op, "Accept", 1, ""),
                String.format(runCommand, 3, op, "Success", 1, ""),
                // an escaped operation name is decoded, not passed over
                String.format(runCommand, 4, op.replace("RUNCOMMAND", "RUN\\u0043OMMAND"), "Success", 2, ""),
                // a duplicate key: the last operationName decides, as in the tree
                String.format(runCommand, 5, "MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION", "Success", 3, "")
                        .replace("'category'", "'operationName':'" + op + "','category'"),
                // benign operations and sign-ins, passed over
                String.format(runCommand, 6, "MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WRITE", "Success", 4, ""),
                String.format(runCommand, 7, "Sign-in activity", "0", 5, "").replace("Administrative", "SignInLogs"),
                // a category that is not a string: built
                String.format(runCommand, 8, op, "Success", 6, "").replace("'Administrative'",
                        "{'value':'Administrative'}"));
        String batch = "{'records':[" + String.join(",", records) + "]}";
        byte[] bytes = batch.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        List<String> expected = rendered(bytes, false);
        assertEquals(expected, rendered(bytes, true));
        assertEquals(4, expected.size(), expected.toString());
        assertTrue(expected.get(0).contains("198.51.100.9") || expected.stream().anyMatch(f -> f.contains(
                "198.51.100.9") && f.contains("\"outcome\":\"success\"")), "IP settled from the Started record");
        InputResult r = ENGINE.scan(new ByteArrayInputStream(bytes), "s");
        assertEquals(records.size(), r.stats().events(), "passed-over records still count as audit events");
        for (Path p : files(Paths.get(System.getProperty("user.dir")).resolve("../examples/azure").normalize())) {
            byte[] file = Files.readAllBytes(p);
            assertEquals(rendered(file, false), rendered(file, true), p.toString());
        }
    }

    @Test
    void aRuleThatTellsCaseApartTurnsAzureScreeningOffForItsRoute() throws Exception {
        String rule = "title: start by exact case\nid: 5b0c6a1e-0000-4000-8000-00000000c45e\nlogsource:\n"
                + "  product: azure\n  service: activitylogs\ndetection:\n  selection:\n"
                + "    operationName|re: '^Microsoft\\.Compute/virtualMachines/start/action$'\n"
                + "  condition: selection\nlevel: medium\n";
        java.util.List<dev.sidedoor.core.sigma.SigmaRule> rules = new ArrayList<>(BuiltInRules.load());
        rules.addAll(dev.sidedoor.core.sigma.SigmaParser.parse(rule, "cased.yml"));
        Engine engine = new Engine(rules, dev.sidedoor.core.tuning.Tuning.none(), java.time.Clock.systemUTC());
        String record = "{'time':'2026-11-18T10:0%dZ','resourceId':'/subscriptions/0b1c/resourceGroups/rg/providers/"
                + "Microsoft.Compute/virtualMachines/vm1','operationName':'%s','category':'Administrative',"
                + "'resultType':'%s','correlationId':'5a5a5a5a-0000-4000-8000-000000000001'%s}";
        String batch = "{'records':[" + String.format(record, 0, "Microsoft.Compute/virtualMachines/start/action",
                "Start", "") + "," + String.format(record, 1, "MICROSOFT.COMPUTE/VIRTUALMACHINES/START/ACTION",
                "Success", ",'callerIpAddress':'203.0.113.9'") + "]}";
        byte[] bytes = batch.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        List<Finding> all = engine.scan(new ByteArrayInputStream(bytes), "s", RecordScreen.ALL).findings();
        List<Finding> screened = engine.scan(new ByteArrayInputStream(bytes), "s").findings();
        assertEquals(1, all.size(), all.toString());
        assertEquals("success", all.get(0).event().outcome());
        assertEquals("203.0.113.9", all.get(0).sourceIp());
        assertEquals(all, screened);
    }

    @Test
    void aBrokenRecordInsideAnS3FileCostsOnlyItself() throws IOException {
        String good = "{\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"eventID\":\"G%d\",\"requestParameters\":{\"instanceId\":\"i-1\"}}";
        String file = "{\"Records\":[" + String.format(good, 1) + ",{\"eventName\":\"x\",\"bad\":[1 2]},"
                + "{\"eventSource\":\"a.amazonaws.com\" \"eventName\":\"b\"},"
                + String.format(good, 2) + ",{\"eventSource\":\"a.amazonaws.com\",\"eventName\":\"b\",\"n\":[" + "[".repeat(300)
                + "]".repeat(300) + "]}," + String.format(good, 3) + ",42," + String.format(good, 4) + "]}";
        InputResult r = ENGINE.scan(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "s3.json");
        List<String> ids = r.findings().stream().map(f -> f.event().id()).sorted().toList();
        assertEquals(List.of("G1", "G2", "G3", "G4"), ids);
        assertEquals(4, r.rejections().size(), r.rejections().toString());
        assertTrue(r.rejections().get(0).message().startsWith("s3.json: record 2"), r.rejections().get(0).message());
        assertTrue(r.rejections().get(1).message().startsWith("s3.json: record 3"), r.rejections().get(1).message());
        assertEquals("malformed-json", r.rejections().get(1).kind());
        assertEquals("too-deep", r.rejections().get(2).kind());
        assertEquals("not-an-object", r.rejections().get(3).kind());
    }
}
