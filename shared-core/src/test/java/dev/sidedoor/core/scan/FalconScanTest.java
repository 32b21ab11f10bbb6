package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.RecordScreen;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.source.Sources;
import dev.sidedoor.core.source.falcon.FalconHosts;
import dev.sidedoor.core.source.falcon.FalconSource;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Falcon through the whole engine: LogScale and Data Replicator files, plain and gzip, with and without the host
 * table; other Falcon events skipped by design and counted the same whether screened or built.
 */
class FalconScanTest {

    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
    private static final String OTHER = "CrowdStrike Falcon event other than a process start";

    static byte[] resource(String name) throws IOException {
        try (InputStream in = FalconScanTest.class.getResourceAsStream("/falcon/" + name)) {
            return in.readAllBytes();
        }
    }

    static Map<String, String> ruleByTarget(InputResult r) {
        Map<String, String> out = new TreeMap<>();
        for (Finding f : r.findings()) {
            out.merge(f.target(), f.rule().name(), (a, b) -> a + "," + b);
        }
        return out;
    }

    @Test
    void dataReplicatorLinesGiveTheirFindingsAndSkipOtherEventsScreenedOrNot() throws IOException {
        byte[] fdr = resource("fdr-mixed.jsonl");
        InputResult screened = ENGINE.scan(new ByteArrayInputStream(fdr), "fdr.jsonl");
        InputResult built = ENGINE.scan(new ByteArrayInputStream(fdr), "fdr.jsonl", RecordScreen.ALL);
        assertEquals(0, screened.stats().rejectedTotal(), screened.rejections().toString());
        assertEquals(Map.of(OTHER, 3L), screened.stats().skipped());
        assertEquals(built.stats().skipped(), screened.stats().skipped(), "the same count, built or not");
        assertEquals(built.findings(), screened.findings());
        assertEquals(4, screened.findings().size(), screened.findings().toString());
        assertEquals(4, screened.stats().events());
        assertEquals(Map.of(
                "5f53818d920363d3bd13b7c2b9d7b73b", "endpoint_azure_run_command_script",
                "63b364d55fb72d23775da9076142675a",
                        "endpoint_ssm_session_manager_shell,endpoint_ssm_session_manager_shell",
                "f9b94af2c72ee37d0074e9880d60932c", "endpoint_cloud_cli_login_unusual_parent"),
                ruleByTarget(screened), "no host table: hosts by aid; the raised rule supersedes the base one");
    }

    @Test
    void gzipDataReplicatorFilesAreReadAndATableNamesTheirHostsAndUsers() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(resource("fdr-mixed.jsonl"));
        }
        FalconHosts.Builder b = new FalconHosts.Builder();
        b.read(new ByteArrayInputStream(resource("aidmaster.jsonl")), "aidmaster.jsonl");
        b.read(new ByteArrayInputStream(resource("userinfo.jsonl")), "userinfo.jsonl");
        Engine named = ENGINE.withSources(Sources.BUILT_IN.with(new FalconSource(b.build())));
        InputResult r = named.scan(new ByteArrayInputStream(gz.toByteArray()), "part-00000.gz");
        assertEquals(0, r.stats().rejectedTotal(), r.rejections().toString());
        Map<String, String> byTarget = ruleByTarget(r);
        assertEquals("endpoint_azure_run_command_script", byTarget.get("VM-WIN-01"));
        assertEquals("endpoint_cloud_cli_login_unusual_parent", byTarget.get("WS-0099"));
        assertTrue(r.findings().stream().anyMatch(f -> "adm-rsilva".equals(f.actor())), r.findings().toString());
        assertEquals(byTarget.keySet(), java.util.Set.of("VM-WIN-01", "WS-0099", "ip-10-0-0-5"));
    }

    @Test
    void aLogScaleExportArrayAndTheTablesScannedAsLogsAreQuiet() throws IOException {
        String array = "[" + new String(resource("logscale-windows.json"), StandardCharsets.UTF_8) + "]";
        InputResult r = ENGINE.scan(new ByteArrayInputStream(array.getBytes(StandardCharsets.UTF_8)), "export.json");
        assertEquals(1, r.findings().size());
        assertEquals("endpoint_cloud_cli_login", r.findings().get(0).rule().name());
        assertEquals("WS-0042", r.findings().get(0).target());
        InputResult table = ENGINE.scan(new ByteArrayInputStream(resource("aidmaster.jsonl")), "aidmaster.jsonl");
        assertEquals(0, table.stats().rejectedTotal());
        assertEquals(1, table.stats().skipped().size(), table.stats().skipped().toString());
        assertTrue(table.stats().skipped().keySet().iterator().next().startsWith("CrowdStrike Falcon host or user"));
    }

    @Test
    void recordsWrittenToFoolTheFalconScreenAreJudgedAsWhenBuilt() throws IOException {
        String shell = "{\"event_simpleName\":\"ProcessRollup2\",\"aid\":\"a%d\",\"event_platform\":\"Lin\","
                + "\"ImageFileName\":\"/usr/bin/dash\",\"CommandLine\":\"sh\",\"ParentBaseFileName\":\"ssm-session-worker\","
                + "\"timestamp\":\"1763460000123\",\"id\":\"id-%d\"}";
        List<String> tricks = List.of(
                String.format(shell, 1, 1).replace("\"ProcessRollup2\"", "\"Process\\u0052ollup2\""),
                String.format(shell, 2, 2).replace("{", "{\"event_simpleName\":\"DnsRequest\","),
                String.format(shell, 3, 3).replace("\"ProcessRollup2\"", "\"DnsRequest\"")
                        .replace("{", "{\"event_simpleName\":\"ProcessRollup2\","),
                String.format(shell, 4, 4).replace("\"event_simpleName\":\"ProcessRollup2\"",
                        "\"event_simpleName\":{\"v\":1},\"#event_simpleName\":\"ProcessRollup2\""),
                String.format(shell, 5, 5).replace("{", "{\"operationName\":\"x\","),
                String.format(shell, 6, 6).replace("\"aid\":\"a6\",", "").replace("\"event_platform\":\"Lin\",", ""),
                String.format(shell, 7, 7).replace("\"ProcessRollup2\"", "\"\""),
                String.format(shell, 8, 8).replace("{", "{\"eventSource\":\"aws:s3\",\"s3\":{},"),
                String.format(shell, 9, 9).replace("\"ProcessRollup2\"", "\"NetworkConnectIP4\""));
        for (String t : tricks) {
            for (String shape : List.of("%s\n", "[%s]", "{\"Records\":[%s]}")) {
                byte[] bytes = String.format(shape, t).getBytes(StandardCharsets.UTF_8);
                InputResult built = ENGINE.scan(new ByteArrayInputStream(bytes), "s", RecordScreen.ALL);
                InputResult screened = ENGINE.scan(new ByteArrayInputStream(bytes), "s");
                assertEquals(built.findings(), screened.findings(), shape + " with " + t);
                assertEquals(built.stats().skipped(), screened.stats().skipped(), shape + " with " + t);
                assertEquals(built.stats().events(), screened.stats().events(), shape + " with " + t);
            }
        }
    }

    @Test
    void withoutProcessRulesProcessStartsArePassedOverAsEvents() throws IOException {
        List<dev.sidedoor.core.sigma.SigmaRule> cloudOnly = BuiltInRules.load().stream()
                .filter(r -> !r.name().startsWith("endpoint_")).toList();
        Engine engine = new Engine(cloudOnly, Tuning.none(), Clock.systemUTC());
        byte[] fdr = resource("fdr-mixed.jsonl");
        InputResult screened = engine.scan(new ByteArrayInputStream(fdr), "fdr.jsonl");
        InputResult built = engine.scan(new ByteArrayInputStream(fdr), "fdr.jsonl", RecordScreen.ALL);
        assertEquals(List.of(), screened.findings());
        assertEquals(4, screened.stats().events());
        assertEquals(built.stats().events(), screened.stats().events());
        assertEquals(built.stats().skipped(), screened.stats().skipped());
    }
}
