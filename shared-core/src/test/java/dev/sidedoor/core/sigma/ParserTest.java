package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParserTest {

    private static final String FULL = """
            # sidedoor test rule
            title: SSM session to a sensitive instance
            id: 0f5e7a36-1111-4c2b-9d0e-000000000001
            status: experimental
            description: A person opened an interactive session.
            references:
                - https://example.com/ssm
            author: sidedoor tests
            date: 2025-01-02
            modified: 2025-02-03
            tags:
                - attack.lateral-movement
                - attack.t1021.008
            logsource:
                product: AWS
                service: CloudTrail
                definition: management events
            detection:
                selection:
                    eventSource: ssm.amazonaws.com
                    eventName: StartSession
                condition: selection
            falsepositives:
                - Engineers on call
            level: HIGH
            sidedoor:
                summary: '{actor} opened a session on {target}'
                threshold: 3
                ratio: 0.5
                enabled: true
                nothing: null
                list: [a, 1]
            """;

    @Test
    void metadata() throws SigmaException {
        List<SigmaRule> rules = SigmaParser.parse(FULL, "rules/aws/ssm_session.yml");
        assertEquals(1, rules.size());
        SigmaRule r = rules.get(0);
        assertEquals("0f5e7a36-1111-4c2b-9d0e-000000000001", r.id());
        assertEquals("ssm_session", r.name());
        assertEquals("SSM session to a sensitive instance", r.title());
        assertEquals("experimental", r.status());
        assertEquals("A person opened an interactive session.", r.description());
        assertEquals("high", r.level());
        assertEquals(List.of("attack.lateral-movement", "attack.t1021.008"), r.tags());
        assertEquals(List.of("Engineers on call"), r.falsePositives());
        assertEquals(List.of("https://example.com/ssm"), r.references());
        assertEquals("sidedoor tests", r.author());
        assertEquals(new LogSource("aws", "cloudtrail", null), r.logsource());
        assertEquals("rules/aws/ssm_session.yml", r.source());
        assertEquals(2, r.line());
        assertTrue(r.matches(JsonSigmaDocument.of("{\"eventSource\": \"ssm.amazonaws.com\", \"eventName\": \"StartSession\"}")));
    }

    @Test
    void extraKeysArePlainJavaValues() throws SigmaException {
        SigmaRule r = SigmaParser.parse(FULL, "x.yml").get(0);
        assertEquals(List.of("date", "modified", "sidedoor"), List.copyOf(r.extra().keySet()));
        assertEquals("2025-01-02", r.extra().get("date"));
        Map<?, ?> custom = (Map<?, ?>) r.extra().get("sidedoor");
        assertEquals("{actor} opened a session on {target}", custom.get("summary"));
        assertEquals(3, custom.get("threshold"));
        assertEquals(0.5, custom.get("ratio"));
        assertEquals(Boolean.TRUE, custom.get("enabled"));
        assertTrue(custom.containsKey("nothing"));
        assertNull(custom.get("nothing"));
        assertEquals(List.of("a", 1), custom.get("list"));
        assertThrows(UnsupportedOperationException.class, () -> r.extra().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> r.tags().add("x"));
    }

    @Test
    void minimalRuleDefaultsIdToName() throws SigmaException {
        SigmaRule r = SigmaParser.parse("title: t\ndetection:\n  s:\n    a: 1\n  condition: s\n", "C:\\rules\\mine.yaml")
                .get(0);
        assertEquals("mine", r.name());
        assertEquals("mine", r.id());
        assertNull(r.level());
        assertNull(r.author());
        assertEquals(new LogSource(null, null, null), r.logsource());
        assertEquals(List.of(), r.tags());
        assertEquals(Map.of(), r.extra());
    }

    @Test
    void multiDocumentFilesNameLaterDocuments() throws SigmaException {
        String text = """
                title: first
                detection: {s: {a: 1}, condition: s}
                ---
                title: second
                detection: {s: {a: 2}, condition: s}
                ---
                ---
                title: third
                id: custom-id
                detection: {s: {a: 3}, condition: s}
                """;
        List<SigmaRule> rules = SigmaParser.parse(text, "dir/multi.yml");
        assertEquals(3, rules.size());
        assertEquals("multi", rules.get(0).name());
        assertEquals("multi#2", rules.get(1).name());
        assertEquals("multi#2", rules.get(1).id());
        assertEquals("multi#3", rules.get(2).name());
        assertEquals("custom-id", rules.get(2).id());
        assertEquals(1, rules.get(0).line());
        assertEquals(4, rules.get(1).line());
        assertEquals(8, rules.get(2).line());
    }

    @Test
    void emptyTextHasNoRules() throws SigmaException {
        assertEquals(List.of(), SigmaParser.parse("# nothing here\n", "empty.yml"));
    }

    @Test
    void rulesAreSharedSafelyAcrossThreads() throws Exception {
        SigmaRule r = SigmaParser.parse(FULL, "x.yml").get(0);
        SigmaDocument hit = JsonSigmaDocument.of("{\"eventSource\": \"ssm.amazonaws.com\", \"eventName\": \"startsession\"}");
        SigmaDocument miss = JsonSigmaDocument.of("{\"eventSource\": \"ssm.amazonaws.com\", \"eventName\": \"SendCommand\"}");
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (!r.matches(hit) || r.matches(miss)) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, wrong.get());
    }
}
