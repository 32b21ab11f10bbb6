package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.models.CloudEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.output.FindingFormat;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingEventsTest {

    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());

    private static Finding finding(String fixture) throws Exception {
        byte[] record = java.nio.file.Files.readAllBytes(AzureFixtures.DIR.resolve(fixture));
        return ENGINE.scan(new ByteArrayInputStream(record), fixture).findings().get(0);
    }

    @Test
    void aRunCommandFindingBecomesACloudEventNamingRuleSubscriptionAndVm() throws Exception {
        Finding f = finding("azure_vm_run_command/match/01_diag_success_uppercase.json");
        CloudEvent e = new FindingEvents(FindingFormat.sidedoor()).of(f);
        assertEquals("dev.sidedoor.finding.azure_vm_run_command", e.getType());
        assertTrue(e.getSource().matches("/subscriptions/[0-9a-f-]{36}"), e.getSource());
        assertEquals(f.target(), e.getSubject());
        assertTrue(e.getSubject().toLowerCase().contains("/virtualmachines/"), e.getSubject());
        assertEquals(f.findingId() + ".success", e.getId());
        assertEquals("application/json", e.getDataContentType());
        assertEquals(Map.of("severity", "high", "findingid", f.findingId(), "rulename", "azure_vm_run_command",
                "technique", "T1651"), e.getExtensionAttributes());
        JsonNode data = AzureFixtures.JSON.readTree(e.getData().toBytes());
        assertEquals("sidedoor.finding/1", data.path("schema").asText());
        assertEquals(f.findingId(), data.path("finding_id").asText());
        assertEquals(java.time.OffsetDateTime.parse(f.event().time()), e.getTime());
        JsonNode wire = AzureFixtures.JSON.readTree(DeadLetters.json(e));
        assertEquals("1.0", wire.path("specversion").asText());
        assertEquals(data, wire.path("data"), "data travels as JSON, not as a string or base64");
    }

    @Test
    void ocsfFormatPutsADetectionFindingInTheData() throws Exception {
        Finding f = finding("azure_serial_console_connect/match/01_diag_vm_serial_port_0.json");
        JsonNode data = AzureFixtures.JSON.readTree(new FindingEvents(FindingFormat.ocsf("test")).of(f).getData()
                .toBytes());
        assertEquals(2004, data.path("class_uid").asInt());
    }

    @Test
    void anUnparseableTimeOrMissingTargetLeavesThoseAttributesOut() throws Exception {
        Finding f = finding("azure_vm_run_command/match/01_diag_success_uppercase.json");
        Finding odd = new Finding(f.findingId(), f.rule(), f.severity(), f.techniques(), f.tactics(), f.provider(),
                new Finding.EventRef(f.event().id(), "yesterday", f.event().action(), f.event().service(),
                        f.event().outcome(), null), f.actor(), null, f.sourceIp(), null, f.region(), f.userAgent(),
                f.summary(), f.context(), null, f.notes());
        CloudEvent e = new FindingEvents(FindingFormat.sidedoor()).of(odd);
        assertNull(e.getTime());
        assertNull(e.getSubject());
        assertEquals(FindingEvents.SOURCE_FALLBACK, e.getSource());
    }

    @Test
    void aTimeOnTheMinuteKeepsItsSecondsOnTheWire() throws Exception {
        Finding f = finding("azure_vm_run_command/match/01_diag_success_uppercase.json");
        Finding onTheMinute = new Finding(f.findingId(), f.rule(), f.severity(), f.techniques(), f.tactics(),
                f.provider(), new Finding.EventRef(f.event().id(), "2026-11-18T10:03:00Z", f.event().action(),
                        f.event().service(), f.event().outcome(), null), f.actor(), f.target(), f.sourceIp(),
                f.account(), f.region(), f.userAgent(), f.summary(), f.context(), null, f.notes());
        String time = AzureFixtures.JSON.readTree(DeadLetters.json(new FindingEvents(FindingFormat.sidedoor())
                .of(onTheMinute))).path("time").asText();
        assertTrue(time.matches("2026-11-18T10:03:00(\\.\\d+)?Z"), "RFC 3339 needs the seconds: " + time);
    }

    @Test
    void requestsStayUnderEventGridsOneMegabyteLimit() throws Exception {
        Finding f = finding("azure_vm_run_command/match/01_diag_success_uppercase.json");
        CloudEvent one = new FindingEvents(FindingFormat.sidedoor()).of(f);
        int perEvent = DeadLetters.json(one).length();
        int count = 2 * FindingPublisher.MAX_REQUEST_BYTES / perEvent + 7;
        List<CloudEvent> events = new ArrayList<>(Collections.nCopies(count, one));
        List<List<CloudEvent>> chunks = FindingPublisher.chunks(events);
        assertTrue(chunks.size() >= 3, "chunks: " + chunks.size());
        assertEquals(count, chunks.stream().mapToInt(List::size).sum(), "every event in exactly one request");
        for (List<CloudEvent> chunk : chunks) {
            long bytes = chunk.stream().mapToLong(e -> DeadLetters.json(e).length() + 1).sum() + 2;
            assertTrue(bytes < 1_048_576, "request of " + bytes + " bytes");
        }
    }

    @Test
    void eventPositionsReadTheWorkersMetadataWhateverNumberTypeItUses() {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] props = new Map[] {Map.of("SequenceNumber", 12.0, "Offset", 4096.0,
            "EnqueuedTimeUtc", "2026-11-18T10:00:00Z"), Map.of("SequenceNumber", "13"), Map.of()};
        Map<String, Object> partition = Map.of("PartitionId", "7");
        EventPosition first = EventPosition.of(partition, props, 0);
        assertEquals(new EventPosition("7", 12, "4096", "2026-11-18T10:00:00Z"), first);
        assertEquals("partition 7 sequence 12", first.label());
        assertEquals(13, EventPosition.of(partition, props, 1).sequenceNumber());
        assertEquals("partition 7 sequence ?", EventPosition.of(partition, props, 2).label());
        assertEquals("partition ? sequence ?", EventPosition.of(null, null, 0).label());
    }
}
