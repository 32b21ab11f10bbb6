package dev.sidedoor.core.source.falcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.source.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Falcon records, as LogScale exports and Data Replicator lines carry them, into process_creation events. */
class FalconSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonTrees TREES = new LogReader().trees();
    private static final String WIN_AID = "5f53818d920363d3bd13b7c2b9d7b73b";
    private static final String LIN_AID = "63b364d55fb72d23775da9076142675a";

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = FalconSourceTest.class.getResourceAsStream("/falcon/" + name)) {
            return JSON.readTree(in);
        }
    }

    static List<JsonNode> lines(String name) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = FalconSourceTest.class.getResourceAsStream("/falcon/" + name)) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    static FalconHosts tables() throws IOException {
        FalconHosts.Builder b = new FalconHosts.Builder();
        for (String name : List.of("aidmaster.jsonl", "userinfo.jsonl")) {
            try (InputStream in = FalconSourceTest.class.getResourceAsStream("/falcon/" + name)) {
                b.read(in, name);
            }
        }
        return b.build();
    }

    @Test
    void aLogScaleExportIsAProcessStartInSigmaNames() throws IOException {
        JsonNode r = resource("logscale-windows.json");
        FalconSource falcon = new FalconSource();
        assertTrue(falcon.recognises(r));
        assertTrue(Sources.BUILT_IN.of(r) instanceof FalconSource, "the built-in sources give Falcon records to Falcon");
        AuditEvent e = falcon.normalize(r, TREES);
        assertEquals("crowdstrike", e.provider());
        assertEquals("process_creation:windows", e.service());
        assertEquals("ProcessRollup2", e.eventSource());
        assertEquals("2025-11-18T10:00:00.123Z", e.time());
        assertEquals("jdoe", e.actor());
        assertEquals("WS-0042", e.target());
        assertEquals("aws", e.context().get("cloud_platform"));
        assertEquals("powershell.exe", e.context().get("parent_image"));
        assertEquals("explorer.exe", e.context().get("grandparent_image"));
        assertEquals("windows", e.context().get("os"));
        assertTrue(e.context().get("image").endsWith("\\Amazon\\AWSCLIV2\\aws.exe"), e.context().toString());
        assertTrue(e.context().get("host_ip").startsWith("10.20."), e.context().toString());
        JsonNode view = e.view();
        assertEquals("High", view.path("IntegrityLevel").asText());
        assertEquals("jdoe", view.path("User").asText());
        assertEquals("powershell.exe", view.path("ParentImage").asText());
        assertTrue(view.path("Hashes").asText().startsWith("SHA256="), view.path("Hashes").asText());
        assertEquals("powershell.exe", view.path("ParentBaseFileName").asText(), "Falcon's own fields stay");
    }

    @Test
    void dataReplicatorLinesWithoutATableKeepTheirIdsAndNameWhatTheyCan() throws IOException {
        FalconSource falcon = new FalconSource();
        List<AuditEvent> events = new ArrayList<>();
        for (JsonNode r : lines("fdr-mixed.jsonl")) {
            assertTrue(falcon.recognises(r), r.toString());
            AuditEvent e = falcon.normalize(r, TREES);
            if (e != null) {
                events.add(e);
            } else {
                assertEquals(FalconSource.OTHER_EVENT, falcon.skipReason(r));
            }
        }
        assertEquals(4, events.size());
        AuditEvent system = events.get(0);
        assertEquals(WIN_AID, system.target(), "no host name: the sensor's id");
        assertEquals("NT AUTHORITY\\SYSTEM", system.actor());
        assertEquals("System", system.view().path("IntegrityLevel").asText());
        assertEquals("S-1-5-21-1004336348-1177238915-682003330-512", events.get(1).actor(), "an unknown SID");
        assertEquals("root", events.get(2).actor(), "uid 0");
        assertEquals("process_creation:linux", events.get(2).service());
        assertNull(events.get(3).actor(), "another uid names nobody");
        assertEquals("2025-11-18T10:00:00Z", events.get(3).time(), "epoch seconds as a number");
    }

    @Test
    void aHostAndUserTableNamesDataReplicatorHostsAndUsers() throws IOException {
        FalconHosts hosts = tables();
        assertEquals(3, hosts.hostCount());
        assertEquals(1, hosts.userCount());
        assertTrue(hosts.problems().isEmpty(), hosts.problems().toString());
        FalconSource falcon = new FalconSource(hosts);
        List<JsonNode> records = lines("fdr-mixed.jsonl");
        AuditEvent runCommand = falcon.normalize(records.get(0), TREES);
        assertEquals("VM-WIN-01", runCommand.target());
        assertEquals("10.1.0.4", runCommand.context().get("host_ip"));
        assertEquals(WIN_AID, runCommand.context().get("host_id"));
        AuditEvent admin = falcon.normalize(records.get(2), TREES);
        assertEquals("WS-0099", admin.target());
        assertEquals("adm-rsilva", admin.actor(), "the user named by the userinfo table");
        ObjectNode noPlatform = ((ObjectNode) records.get(4)).deepCopy();
        noPlatform.remove("event_platform");
        AuditEvent linux = falcon.normalize(noPlatform, TREES);
        assertEquals("process_creation:linux", linux.service(), "the table knows the platform");
        assertEquals("ip-10-0-0-5", linux.target());
        assertEquals(LIN_AID, linux.context().get("host_id"));
    }

    @Test
    void tableLinesAndOtherEventsAreRecognisedAndSkippedByDesign() throws IOException {
        FalconSource falcon = new FalconSource();
        for (String table : List.of("aidmaster.jsonl", "userinfo.jsonl")) {
            for (JsonNode r : lines(table)) {
                assertTrue(falcon.recognises(r), r.toString());
                assertNull(falcon.normalize(r, TREES));
                assertEquals(FalconSource.TABLE_RECORD, falcon.skipReason(r));
            }
        }
        JsonNode bare = JSON.readTree("{\"event_simpleName\":\"ProcessRollup2\",\"CommandLine\":\"sh\"}");
        assertFalse(falcon.recognises(bare), "no aid, cid or platform: not a sensor event");
        JsonNode cloudTrail = JSON.readTree("{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"StartSession\"}");
        assertFalse(falcon.recognises(cloudTrail));
        JsonNode tag = JSON.readTree("{\"#event_simpleName\":\"SyntheticProcessRollup2\",\"aid\":\"a\","
                + "\"ImageFileName\":\"/usr/bin/bash\",\"@timestamp\":1763460000123}");
        AuditEvent synthetic = falcon.normalize(tag, TREES);
        assertEquals("SyntheticProcessRollup2", synthetic.eventSource(), "LogScale's tag is enough");
        assertEquals("2025-11-18T10:00:00.123Z", synthetic.time());
        assertEquals("process_creation:unknown", synthetic.service(), "no platform and a Unix path: every OS's rules");
    }

    @Test
    void epochTimesOfEveryScaleBecomeIsoAndNonsenseBecomesNoTime() throws IOException {
        String[][] cases = {
            {"\"1763460000123\"", "2025-11-18T10:00:00.123Z"},
            {"1763460000123", "2025-11-18T10:00:00.123Z"},
            {"\"1763460000.118\"", "2025-11-18T10:00:00.118Z"},
            {"1763460000", "2025-11-18T10:00:00Z"},
            {"1763460000123456", "2025-11-18T10:00:00.123Z"},
            {"1763460000123456789", "2025-11-18T10:00:00.123Z"},
            {"\"2025-11-18T10:00:00.123Z\"", "2025-11-18T10:00:00.123Z"},
            {"\"-5\"", null}, {"-5", null}, {"0", null}, {"\"NaN\"", null}, {"\"1e400\"", null}, {"1e300", null},
            {"\"\"", null}, {"\"12.34.56\"", null}, {"\"" + "9".repeat(5000) + "\"", null}, {"true", null},
            {"{}", null}, {"[1763460000123]", null}, {"\"+999999999-12-31T23:59:59Z\"", null},
        };
        for (String[] c : cases) {
            assertEquals(c[1], FalconTimes.iso(JSON.readTree(c[0])), c[0].length() > 40 ? "long" : c[0]);
        }
    }

    @Test
    void hostileValuesCostOnlyThemselves() throws IOException {
        ObjectNode r = (ObjectNode) resource("logscale-windows.json");
        r.put("CommandLine", "aws sts get-caller-identity " + "A".repeat(900_000));
        r.put("UserSid", "S-1-5-21-" + "1".repeat(10_000));
        r.remove("UserName");
        r.set("ParentBaseFileName", JSON.readTree("{\"nested\":[1,2,3]}"));
        r.put("IntegrityLevel", "\u0000\u202e");
        r.put("timestamp", "not a time");
        r.put("@timestamp", -1);
        r.put("ComputerName", "evil\nhost\u001b[31m");
        AuditEvent e = new FalconSource().normalize(r, TREES);
        assertNull(e.context().get("parent_image"), "an object is no file name");
        assertEquals("\u0000\u202e", e.view().path("IntegrityLevel").asText(), "an unknown level stays as logged");
        assertTrue(e.actor().length() <= FalconHosts.MAX_VALUE, "an unknown SID is clipped");
        assertEquals("2025-11-18T10:00:00.123Z", e.time(), "the process start time when the others are broken");
        ObjectNode numberName = (ObjectNode) resource("logscale-windows.json");
        numberName.put("event_simpleName", 7);
        numberName.put("#event_simpleName", 7);
        assertFalse(new FalconSource().recognises(numberName), "an event name must be text");
        FalconHosts.Builder b = new FalconHosts.Builder();
        b.add(JSON.readTree("{\"aid\":\"AB\",\"ComputerName\":\"" + "h".repeat(100_000) + "\",\"AgentVersion\":\"7\"}"));
        b.add(JSON.readTree("[1,2]"));
        b.add(JSON.readTree("{\"aid\":{\"x\":1},\"ComputerName\":\"x\"}"));
        FalconHosts hosts = b.build();
        assertEquals(1, hosts.hostCount());
        assertEquals(FalconHosts.MAX_VALUE, hosts.host("ab").computerName().length(), "aids match in any case");
    }

    @Test
    void routesAreThoseOfProcessCreationWithFalconAsItsOwnProduct() {
        FalconSource falcon = new FalconSource();
        assertEquals(List.of("crowdstrike/process_creation:linux"),
                falcon.routes(new LogSource("linux", null, "process_creation")));
        assertEquals(4, falcon.routes(new LogSource("crowdstrike", null, "process_creation")).size());
        assertEquals(List.of(), falcon.routes(new LogSource("aws", "cloudtrail", null)));
    }
}
