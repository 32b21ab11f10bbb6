package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.tuning.Tuning;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat notifications built from an event whose attacker-controlled fields try every injection we know. */
class ChatNotificationTest {

    private static final String EVIL = "<!channel> <https://evil.example/login|Open console>\n*Severity:* none` "
            + "[ok](https://evil.example) @here :white_check_mark:\u202E";

    private static Finding hostileFinding() throws Exception {
        ObjectNode record = (ObjectNode) AwsFixtures.match().stream()
                .filter(f -> f.rule().equals("aws_ssm_start_session_shell")).findFirst().orElseThrow()
                .event().get("detail").deepCopy();
        record.put("userAgent", EVIL);
        record.put("sourceIPAddress", EVIL);
        ((ObjectNode) record.get("requestParameters")).put("target", EVIL);
        ((ObjectNode) record.get("userIdentity")).put("arn", EVIL);
        List<Finding> findings = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC())
                .scan(AwsFixtures.envelope(record, "hostile"), "test").findings();
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void everyLogDerivedValueIsInertInSlackAndTeams() throws Exception {
        Finding f = hostileFinding();
        JsonNode n = AwsFixtures.JSON.readTree(new ChatNotification().render(f));
        String description = n.path("content").path("description").asText();
        assertFalse(description.contains("<!channel>"), description);
        assertFalse(description.contains("<https://"), description);
        // Each line starts with a label we wrote: the forged "*Severity:*" line was folded into a code span.
        for (String line : description.split("\n")) {
            assertTrue(line.matches("^\\*[^*`]+:\\* .*"), "line does not start with our label: " + line);
            long ticks = line.chars().filter(c -> c == '`').count();
            assertEquals(0, ticks % 2, "unbalanced code span: " + line);
        }
        assertTrue(description.contains("&lt;!channel&gt;"), description);
        assertTrue(description.length() <= ChatNotification.DESCRIPTION_MAX + 30, "length " + description.length());
        String title = n.path("content").path("title").asText();
        assertFalse(title.contains("<") || title.contains("`") || title.contains("\n"), title);
        String thread = n.path("metadata").path("threadId").asText();
        assertFalse(thread.contains("<") || thread.contains("\n"), thread);
    }

    @Test
    void oneThreadPerTargetEvenWhenLongTargetsShareTheirFirst128Characters() throws Exception {
        Finding f = hostileFinding();
        String base = "/subscriptions/6b1f0c2e-93d4-4a7e-b5c8-2f7e1d9a4c30/resourceGroups/"
                + "rg-northwind-production-workloads-west-europe/providers/Microsoft.Compute/virtualMachines/";
        assertTrue(base.length() > 128, "prefix " + base.length());
        String a = ChatNotification.threadId(withTarget(f, base + "vm-app-01"));
        String b = ChatNotification.threadId(withTarget(f, base + "vm-app-02"));
        assertNotEquals(a, b);
        assertEquals(a, ChatNotification.threadId(withTarget(f, base + "vm-app-01")));
        assertTrue(a.startsWith("vm-app-01-") && a.length() <= ChatNotification.THREAD_MAX, a);
        assertTrue(a.matches("[A-Za-z0-9._-]+"), a);
        // Other findings about the same target, whatever their rule or actor, land in the same thread.
        Finding other = new Finding("sd-other", f.rule(), f.severity(), f.techniques(), f.tactics(), f.provider(),
                f.event(), "someone-else", base + "vm-app-01", null, f.account(), f.region(), null, "x",
                java.util.Map.of(), null, java.util.List.of());
        assertEquals(a, ChatNotification.threadId(other));
        // A hostile or endless target cannot make the id long or inject anything.
        String hostile = ChatNotification.threadId(withTarget(f, "<!channel> " + "x".repeat(10_000)));
        assertTrue(hostile.length() <= ChatNotification.THREAD_MAX && hostile.matches("[A-Za-z0-9._-]+"), hostile);
    }

    private static Finding withTarget(Finding f, String target) {
        return new Finding(f.findingId(), f.rule(), f.severity(), f.techniques(), f.tactics(), f.provider(), f.event(),
                f.actor(), target, f.sourceIp(), f.account(), f.region(), f.userAgent(), f.summary(), f.context(),
                f.suppression(), f.notes(), f.baseline());
    }

    @Test
    void theOriginLineNamesTheEventAndStaysInert() throws Exception {
        Finding f = hostileFinding().withOrigin(new Finding.Origin(EVIL, 3, 1, null, null));
        String description = AwsFixtures.JSON.readTree(new ChatNotification().render(f)).path("content")
                .path("description").asText();
        String origin = java.util.Arrays.stream(description.split("\n")).filter(l -> l.startsWith("*Origin:*"))
                .findFirst().orElseThrow(() -> new AssertionError(description));
        assertTrue(origin.endsWith(" record 3"), origin);
        assertFalse(origin.contains("<!channel>") || origin.contains("<https://"), origin);
        assertEquals(0, origin.chars().filter(c -> c == '`').count() % 2, origin);
    }

    @Test
    void notificationHasTheChatbotCustomShape() throws Exception {
        Finding f = hostileFinding();
        JsonNode n = AwsFixtures.JSON.readTree(new ChatNotification().render(f));
        assertEquals("1.0", n.path("version").asText());
        assertEquals("custom", n.path("source").asText());
        assertEquals(f.findingId(), n.path("id").asText());
        assertEquals("client-markdown", n.path("content").path("textType").asText());
        assertTrue(n.path("content").path("nextSteps").isArray());
        assertTrue(n.path("content").path("keywords").toString().contains("T1021.008"));
        assertEquals(f.rule().name(), n.path("metadata").path("eventType").asText());
    }

    @Test
    void nextStepsAreTheRulesRunbookMadeInert() throws Exception {
        Finding f = hostileFinding();
        Finding.RuleRef r = f.rule();
        Finding withBook = new Finding(f.findingId(), new Finding.RuleRef(r.id(), r.name(), r.title(), r.level(),
                new Finding.Runbook("Read the <!channel> session log.", "Ask the owner.", "Terminate it.")),
                f.severity(), f.techniques(), f.tactics(), f.provider(), f.event(), f.actor(), f.target(),
                f.sourceIp(), f.account(), f.region(), f.userAgent(), f.summary(), f.context(), null, f.notes());
        JsonNode steps = AwsFixtures.JSON.readTree(new ChatNotification().render(withBook)).path("content")
                .path("nextSteps");
        assertEquals(3, steps.size(), steps.toString());
        assertEquals("Check: Read the &lt;!channel&gt; session log.", steps.get(0).asText());
        assertEquals("Contain: Terminate it.", steps.get(2).asText());
    }

    @Test
    void aBaselinedFindingSaysInOneLineWhyItMatters() throws Exception {
        Finding f = hostileFinding();
        Finding judged = f.withBaseline(new Finding.Baseline("novel", List.of("network " + EVIL),
                "new: network " + EVIL, "sso:alice@corp.example", "2026-10-01", "2026-10-22", 14), f.severity(), null);
        String description = AwsFixtures.JSON.readTree(new ChatNotification().render(judged)).path("content")
                .path("description").asText();
        String why = description.lines().filter(l -> l.startsWith("*Why:* ")).findFirst().orElseThrow();
        assertTrue(why.startsWith("*Why:* `novel: new: network &lt;!channel&gt;"), why);
        assertFalse(why.contains("<!channel>") || why.contains("\n"), why);
    }
}
