package dev.sidedoor.core.source.sysmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysmonSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Paths.get(System.getProperty("user.dir"))
            .resolve("../examples/sysmon/sysmon-ecs.ndjson").normalize();

    static ObjectNode line(int i) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readAllLines(EXAMPLE).get(i));
    }

    static AuditEvent normalize(JsonNode record) {
        return Sources.BUILT_IN.normalize(record, new LogReader().trees());
    }

    @Test
    void anElasticAgentDocumentMapsFromEcs() throws IOException {
        ObjectNode r = line(0);
        assertEquals("sysmon", Sources.BUILT_IN.of(r).name());
        AuditEvent e = normalize(r);
        assertEquals("sysmon", e.provider());
        assertEquals("process_creation:windows", e.service());
        assertEquals("2026-11-18T09:31:07.219Z", e.time());
        assertEquals("WIN-APP-01", e.target());
        assertEquals("NT AUTHORITY\\SYSTEM", e.actor(), "user.domain and user.name joined as Sysmon logs User");
        assertEquals("403918276512", e.account(), "the agent's cloud metadata names the account");
        assertEquals("proc:2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e7a|{7a3c1e5f-2a6b-6741-8c0b-000000001a00}", e.eventKey());
        JsonNode v = e.view();
        assertEquals("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", v.get("Image").asText());
        assertEquals("C:\\Program Files\\Amazon\\SSM\\ssm-session-worker.exe", v.get("ParentImage").asText());
        assertTrue(v.get("ParentCommandLine").asText().contains("i-0c7e2a9d41b3f6a58"));
        assertEquals("3188", v.get("ProcessId").asText());
        assertEquals("2940", v.get("ParentProcessId").asText());
        assertEquals("PowerShell.EXE", v.get("OriginalFileName").asText());
        assertEquals("System", v.get("IntegrityLevel").asText());
        assertEquals("Windows PowerShell", v.get("Description").asText(), "event_data fields are lifted to the top");
        assertEquals("SHA1=6CBCE4A295C163791B60FC23D285E6D84F28EE4C", v.get("Hashes").asText());
        assertEquals("C:\\Windows\\system32\\", v.get("CurrentDirectory").asText());
        assertEquals("1", v.at("/event/code").asText(), "the ECS document stays readable");
        assertEquals("10.20.4.52", e.context().get("host_ip"));
        assertEquals("2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e7a", e.context().get("host_id"));
    }

    @Test
    void winlogbeatWithoutThePipelineMapsFromEventData() throws IOException {
        AuditEvent e = normalize(line(2));
        assertEquals("process_creation:windows", e.service(), "the provider names Windows when host.os is absent");
        assertEquals("NORTHWIND\\marek.kowalski", e.actor());
        assertEquals("NWL-WS-0142.northwindlabs.example", e.target());
        JsonNode v = e.view();
        assertEquals("C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe", v.get("Image").asText());
        assertEquals("C:\\Windows\\System32\\mshta.exe", v.get("ParentImage").asText());
        assertEquals("aws  sts get-caller-identity --profile dev-mkowalski", v.get("CommandLine").asText());
        assertTrue(v.get("Hashes").asText().startsWith("SHA1=3E1F9B2C"), "Hashes as Sysmon logged them");
        assertEquals("{c1d2e3f4-5a6b-6741-b50d-000000003b00}", e.recordId());
        assertEquals("aws", e.context().get("cloud_platform"));
    }

    @Test
    void sysmonForLinuxRoutesToLinuxRules() throws IOException {
        AuditEvent e = normalize(line(3));
        assertEquals("process_creation:linux", e.service());
        assertEquals("root", e.actor());
        assertEquals("/usr/bin/ssm-session-worker", e.view().get("ParentImage").asText());

        ObjectNode bare = line(3);
        bare.remove("host");
        assertEquals("process_creation:linux", normalize(bare).service(), "Linux-Sysmon names the OS");
        ObjectNode noProvider = bare.deepCopy();
        ((ObjectNode) noProvider.get("event")).remove("provider");
        assertEquals("sysmon", Sources.BUILT_IN.of(noProvider).name(), "the channel is enough");
        assertEquals("process_creation:linux", normalize(noProvider).service());
    }

    @Test
    void otherEventIdsAreRecognisedAndSkipped() throws IOException {
        ObjectNode network = line(4);
        assertEquals("sysmon", Sources.BUILT_IN.of(network).name());
        assertNull(normalize(network));
        assertEquals("Sysmon event other than process creation (event 1)", Sources.BUILT_IN.skipReason(network, null));
        ObjectNode numeric = line(0);
        ((ObjectNode) numeric.get("event")).remove("code");
        ((ObjectNode) numeric.get("winlog")).put("event_id", 1);
        assertNotNull(normalize(numeric), "winlog.event_id as a number");
        ((ObjectNode) numeric.get("winlog")).put("event_id", 11);
        assertNull(normalize(numeric));
        ObjectNode noCode = line(0);
        ((ObjectNode) noCode.get("event")).remove("code");
        ((ObjectNode) noCode.get("winlog")).remove("event_id");
        assertNull(normalize(noCode), "no event id: not known to be a process start");
    }

    @Test
    void elasticsearchHitsAndDottedKeysAreRead() throws IOException {
        ObjectNode hit = line(5);
        assertEquals("sysmon", Sources.BUILT_IN.of(hit).name());
        AuditEvent e = normalize(hit);
        assertEquals("C:\\Users\\marek.kowalski\\AppData\\Local\\Temp\\AnyDesk.exe", e.view().get("Image").asText());
        assertEquals("AnyDesk", e.view().get("Product").asText());
        assertEquals("NORTHWIND\\marek.kowalski", e.actor());

        ObjectNode flat = JSON.createObjectNode();
        flatten("", line(0), flat);
        assertTrue(flat.has("process.parent.executable"), flat.toString());
        AuditEvent f = normalize(flat);
        assertEquals("C:\\Program Files\\Amazon\\SSM\\ssm-session-worker.exe", f.view().get("ParentImage").asText());
        assertEquals("process_creation:windows", f.service());
    }

    private static void flatten(String prefix, JsonNode node, ObjectNode out) {
        if (!node.isObject()) {
            out.set(prefix, node);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
        }
    }

    @Test
    void otherEcsDocumentsAreNotSysmons() throws IOException {
        ObjectNode security = line(0);
        ((ObjectNode) security.get("event")).put("provider", "Microsoft-Windows-Security-Auditing").put("code", "4688");
        ((ObjectNode) security.get("winlog")).put("channel", "Security").put("provider_name",
                "Microsoft-Windows-Security-Auditing");
        assertNull(Sources.BUILT_IN.of(security));
        ObjectNode endpoint = JSON.createObjectNode();
        endpoint.putObject("event").put("dataset", "endpoint.events.process").put("code", "1");
        endpoint.putObject("process").put("executable", "C:\\Windows\\System32\\cmd.exe");
        assertNull(Sources.BUILT_IN.of(endpoint));
    }

    @Test
    void hostileValuesCostNothingButThemselves() throws IOException {
        ObjectNode r = line(0);
        ((ObjectNode) r.get("process")).putArray("executable").add("C:\\a.exe").add("C:\\b.exe");
        ((ObjectNode) r.get("process")).put("command_line", 12345);
        ((ObjectNode) r.get("process")).putObject("pid").put("x", 1);
        ((ObjectNode) r.get("user")).putNull("name");
        r.put("winlog", "not an object");
        AuditEvent e = normalize(r);
        assertNull(e.view().get("Image"), "an array is never taken for a path");
        assertEquals("12345", e.view().get("CommandLine").asText());
        assertNull(e.view().get("ProcessId"));
        assertNull(e.actor());

        ObjectNode data = line(2);
        ((ObjectNode) data.get("winlog")).put("event_data", "text");
        assertNotNull(normalize(data), "event_data that is not an object is ignored");

        ObjectNode hit = JSON.createObjectNode();
        hit.put("_source", "{\"event\":{\"provider\":\"Microsoft-Windows-Sysmon\"}}");
        assertNull(Sources.BUILT_IN.of(hit), "a _source that is not an object is not a document");

        ObjectNode huge = line(0);
        String big = "powershell.exe -enc " + "QQBB".repeat(200_000);
        ((ObjectNode) huge.get("process")).put("command_line", big);
        AuditEvent h = normalize(huge);
        assertEquals(big, h.view().get("CommandLine").asText());
        assertTrue(h.context().get("command_line").length() <= Clip.COMMAND_TEXT_READ + 3);
    }

    @Test
    void theExampleFileIsReadWithoutErrors() throws IOException, SigmaException {
        Engine engine = new Engine(SigmaParser.parse("""
                title: Any Windows process start
                id: 0f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        Image|endswith: '.exe'
                    condition: selection
                level: low
                """, "any.yml"), Tuning.none(), Clock.systemUTC());
        InputResult r;
        try (InputStream in = Files.newInputStream(EXAMPLE)) {
            r = engine.scan(in, "sysmon-ecs.ndjson");
        }
        assertEquals(List.of(), r.rejections());
        assertEquals(6, r.stats().records());
        assertEquals(4, r.findings().size(), "the three Windows process starts and the hit, not Linux nor event 3");
        assertEquals(1L, r.stats().skipped().values().stream().mapToLong(Long::longValue).sum());
    }
}
