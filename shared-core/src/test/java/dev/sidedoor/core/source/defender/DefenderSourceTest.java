package dev.sidedoor.core.source.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Clip;
import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaParser;
import dev.sidedoor.core.source.Sources;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefenderSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Paths.get(System.getProperty("user.dir"))
            .resolve("../examples/defender/device-process-events.json").normalize();

    static JsonNode records() throws IOException {
        return JSON.readTree(EXAMPLE.toFile()).get("records");
    }

    static ObjectNode record(int i) throws IOException {
        return (ObjectNode) records().get(i).deepCopy();
    }

    static AuditEvent normalize(JsonNode record) {
        return Sources.BUILT_IN.normalize(record, new LogReader().trees());
    }

    @Test
    void aStreamedProcessStartMapsToSigmasProcessCreationNames() throws IOException {
        ObjectNode r = record(0);
        assertEquals("defender", Sources.BUILT_IN.of(r).name());
        AuditEvent e = normalize(r);
        assertEquals("defender", e.provider());
        assertEquals("process_creation:windows", e.service());
        assertEquals("2026-11-18T10:02:14.5521873Z", e.time());
        assertEquals("nwl-ws-0142.northwindlabs.example", e.target());
        assertEquals("northwind\\marek.kowalski", e.actor());
        assertEquals("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", e.account());
        assertEquals("81234@2026-11-18T10:02:14.5521873Z", e.recordId());
        assertTrue(e.eventKey().startsWith("proc:3f0e6c1a9b2d4e5f8a7b6c5d4e3f2a1b0c9d8e7f|81234@"), e.eventKey());
        JsonNode v = e.view();
        assertEquals("C:\\Windows\\System32\\cmd.exe", v.get("Image").asText());
        assertEquals("c:\\windows\\system32\\wscript.exe", v.get("ParentImage").asText());
        assertEquals("explorer.exe", v.get("GrandparentImage").asText());
        assertTrue(v.get("CommandLine").asText().startsWith("cmd.exe /c az login --service-principal"));
        assertTrue(v.get("ParentCommandLine").asText().contains("Invoice_88231.js"));
        assertEquals("7316", v.get("ProcessId").asText());
        assertEquals("5528", v.get("ParentProcessId").asText());
        assertEquals("Cmd.Exe", v.get("OriginalFileName").asText());
        assertEquals("Medium", v.get("IntegrityLevel").asText());
        assertEquals("Windows Command Processor", v.get("Description").asText());
        assertEquals("Microsoft Corporation", v.get("Company").asText());
        assertEquals("northwind\\marek.kowalski", v.get("ParentUser").asText());
        assertEquals("SHA1=F1EFB0FDDC156E4C61C5F78A54700E4E7984D55D,MD5=911D039E71583A07320B32BDE22F8E22",
                v.get("Hashes").asText(), "SHA256 is null in the record and left out");
        assertEquals("ProcessCreated", v.get("ActionType").asText(), "the columns stay readable by their own names");
        assertEquals("azure", e.context().get("cloud_platform"));
        assertEquals("windows", e.context().get("os"));
        assertEquals("3f0e6c1a9b2d4e5f8a7b6c5d4e3f2a1b0c9d8e7f", e.context().get("host_id"));
    }

    @Test
    void theOsComesFromThePathsShape() throws IOException {
        AuditEvent linux = normalize(record(3));
        assertEquals("process_creation:linux", linux.service());
        assertEquals("root", linux.actor(), "the domain column holds the host name on Linux: left out");
        assertEquals("/usr/bin/ssm-session-worker", linux.view().get("ParentImage").asText());

        ObjectNode mac = record(3);
        ObjectNode p = (ObjectNode) mac.get("properties");
        p.put("FolderPath", "/bin/zsh").put("FileName", "zsh")
                .put("InitiatingProcessFolderPath", "/Applications/iTerm.app/Contents/MacOS/iTerm2");
        assertEquals("process_creation:macos", normalize(mac).service());

        p.remove("FolderPath");
        p.remove("InitiatingProcessFolderPath");
        p.remove("InitiatingProcessFileName");
        AuditEvent unknown = normalize(mac);
        assertEquals("process_creation:unknown", unknown.service(), "a bare file name tells no OS");
        assertEquals("zsh", unknown.view().get("Image").asText());
    }

    @Test
    void aFolderWithoutItsFileNameGetsTheFileNameJoined() {
        assertEquals("C:\\Windows\\System32\\cmd.exe", DefenderNormalizer.path("C:\\Windows\\System32", "cmd.exe"));
        assertEquals("C:\\Windows\\System32\\cmd.exe", DefenderNormalizer.path("C:\\Windows\\System32\\", "cmd.exe"));
        assertEquals("/usr/bin/az", DefenderNormalizer.path("/usr/bin", "az"));
        assertEquals("C:\\Windows\\System32\\CMD.EXE", DefenderNormalizer.path("C:\\Windows\\System32\\CMD.EXE", "cmd.exe"));
        assertEquals("cmd.exe", DefenderNormalizer.path(null, "cmd.exe"));
        assertEquals("/usr/bin/az", DefenderNormalizer.path("/usr/bin/az", null));
    }

    @Test
    void otherTablesAndActionsAreRecognisedAndSkipped() throws IOException {
        for (int i : new int[] {5, 6}) {
            ObjectNode r = record(i);
            assertEquals("defender", Sources.BUILT_IN.of(r).name(), r.get("category").asText());
            assertNull(normalize(r));
        }
        ObjectNode lower = record(5);
        lower.put("category", "advancedhunting-devicenetworkevents");
        assertEquals("defender", Sources.BUILT_IN.of(lower).name());
        ObjectNode email = record(5);
        email.put("category", "AdvancedHunting-EmailEvents");
        assertEquals("defender", Sources.BUILT_IN.of(email).name(), "no advanced hunting table is an Activity Log");
        assertNull(normalize(email));

        assertEquals("Microsoft Defender for Endpoint table other than DeviceProcessEvents",
                Sources.BUILT_IN.skipReason(email, null), "counted as skipped by design, not as unrecognised");
        ObjectNode other = record(0);
        ((ObjectNode) other.get("properties")).put("ActionType", "OpenProcess");
        assertNull(normalize(other));
        assertEquals("Microsoft Defender for Endpoint process event other than a start",
                Sources.BUILT_IN.skipReason(other, null));
        assertNull(Sources.BUILT_IN.skipReason(record(0), null), "a process start is not skipped");
        ObjectNode upper = record(0);
        upper.put("category", "ADVANCEDHUNTING-DEVICEPROCESSEVENTS");
        ((ObjectNode) upper.get("properties")).put("ActionType", "processcreated");
        assertNotNull(normalize(upper));
    }

    @Test
    void activityLogAndEntraRecordsAreNotTakenForDefenders() throws IOException {
        String signIn = "{\"time\":\"2026-11-18T10:00:00Z\",\"operationName\":\"Sign-in activity\",\"category\":"
                + "\"SignInLogs\",\"resourceId\":\"/tenants/7c1d/providers/Microsoft.aadiam\",\"properties\":"
                + "{\"appDisplayName\":\"x\"}}";
        assertEquals("entra-id", Sources.BUILT_IN.of(JSON.readTree(signIn)).name(), signIn);
        String[] azure = {
            "{\"time\":\"2026-11-18T10:00:00Z\",\"operationName\":\"MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION\","
                + "\"category\":\"Administrative\",\"resultType\":\"Start\",\"correlationId\":\"c1\","
                + "\"resourceId\":\"/subscriptions/0b1c/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1\","
                + "\"properties\":{\"eventCategory\":\"Administrative\"}}",
            "{\"time\":\"2026-11-18T10:00:00Z\",\"operationName\":\"Publish\",\"category\":\"Write\","
                + "\"resourceId\":\"/subscriptions/0b1c\",\"properties\":{\"DeviceId\":\"d\",\"ActionType\":\"ProcessCreated\"}}"};
        for (String a : azure) {
            JsonNode r = JSON.readTree(a);
            assertEquals("azure-activity", Sources.BUILT_IN.of(r).name(), a);
        }
    }

    @Test
    void flatRowsAreReadWhenTheyAreUnmistakablyDeviceProcessEvents() throws IOException {
        ObjectNode row = (ObjectNode) record(2).get("properties");
        assertEquals("defender", Sources.BUILT_IN.of(row).name());
        AuditEvent e = normalize(row);
        assertEquals("process_creation:windows", e.service());
        assertNull(e.account(), "API rows carry no tenant");

        ObjectNode sentinel = row.deepCopy();
        sentinel.put("Type", "DeviceProcessEvents").put("TenantId", "7c1d2e3f").put("TimeGenerated", "2026-11-18T09:31:09Z");
        assertEquals("7c1d2e3f", normalize(sentinel).account());
        sentinel.put("Type", "DeviceEvents").put("ActionType", "ProcessCreatedUsingWmiQuery");
        assertNull(normalize(sentinel), "another table's row");

        ObjectNode noDevice = row.deepCopy();
        noDevice.remove("DeviceId");
        assertNull(Sources.BUILT_IN.of(noDevice), "without a device id the row is not unmistakably Defender's");
        ObjectNode cloudTrail = row.deepCopy();
        cloudTrail.put("eventName", "StartSession").put("eventSource", "ssm.amazonaws.com");
        assertEquals("cloudtrail", Sources.BUILT_IN.of(cloudTrail).name());
    }

    @Test
    void hostileValuesCostNothingButThemselves() throws IOException {
        ObjectNode noProps = record(0);
        noProps.remove("properties");
        assertEquals("defender", Sources.BUILT_IN.of(noProps).name());
        assertNull(normalize(noProps));
        ObjectNode textProps = record(0);
        textProps.put("properties", "{\"FolderPath\":\"C:\\\\x.exe\"}");
        assertNull(normalize(textProps));

        ObjectNode wrongTypes = record(0);
        ObjectNode p = (ObjectNode) wrongTypes.get("properties");
        p.put("FolderPath", 42);
        p.putObject("ProcessCommandLine").put("a", 1);
        p.putArray("DeviceName").add(1);
        p.put("ReportId", "not-a-number");
        p.put("ProcessId", 1.5e300);
        p.put("AccountName", true);
        p.putNull("AccountDomain");
        AuditEvent e = normalize(wrongTypes);
        assertEquals("42/cmd.exe", e.view().get("Image").asText(), "a number is read as its text (a folder here)");
        assertNull(e.view().get("CommandLine"), "an object is never taken for a command line");
        assertEquals(p.get("DeviceId").asText(), e.target(), "no host name: the sensor's host id names the host");
        assertEquals("true", e.actor());
        assertEquals("not-a-number@2026-11-18T10:02:14.5521873Z", e.recordId());

        ObjectNode huge = record(0);
        String big = "cmd.exe /c az login " + "A".repeat(600_000);
        ((ObjectNode) huge.get("properties")).put("ProcessCommandLine", big);
        AuditEvent h = normalize(huge);
        assertEquals(big, h.view().get("CommandLine").asText(), "rules see the whole command line");
        assertTrue(h.context().get("command_line").length() <= Clip.COMMAND_TEXT_READ + 3);

        ObjectNode category = record(0);
        category.putArray("category").add("AdvancedHunting-DeviceProcessEvents");
        assertEquals("azure-activity", Sources.BUILT_IN.of(category).name(),
                "a category that is not a string is not Defender's; the Activity Log takes any operation record");
    }

    @Test
    void theExampleBatchIsReadWholeAndScreeningKeepsItsProcessStarts() throws IOException, SigmaException {
        Engine engine = new Engine(SigmaParser.parse("""
                title: A shell under the SSM session worker
                id: 6d1a0b7e-3c2f-4e59-9a8d-1b2c3d4e5f60
                logsource:
                    category: process_creation
                detection:
                    selection:
                        ParentImage|endswith:
                            - '\\ssm-session-worker.exe'
                            - '/ssm-session-worker'
                    condition: selection
                level: high
                """, "ssm.yml"), Tuning.none(), Clock.systemUTC());
        InputResult screened;
        try (InputStream a = Files.newInputStream(EXAMPLE)) {
            // A records array is screened record by record: the Activity Log's screening must not take these.
            screened = engine.scan(a, "batch");
        }
        assertEquals(List.of(), screened.rejections());
        assertEquals(7, screened.stats().records());
        assertEquals(2, screened.findings().size(), screened.findings().toString());
        assertEquals(List.of("linux", "windows"),
                screened.findings().stream().map(f -> f.context().get("os")).sorted().toList());
    }
}
