package dev.sidedoor.core.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.sigma.SigmaParser;
import dev.sidedoor.core.sigma.SigmaRule;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The specification's own correlation examples (test resources correlation-spec/, with their sources) load and
 * behave as the specification describes them. Their rules read Windows logs, which sidedoor does not route, so
 * the findings are made by hand with the fields the detector would have kept.
 */
class SpecExamplesTest {

    /** One example file, loaded and linked like a rule directory. */
    private record Example(List<SigmaRule> rules, Correlations correlations) {

        static Example load(String file) throws Exception {
            Path p = Paths.get(SpecExamplesTest.class.getClassLoader().getResource("correlation-spec/" + file)
                    .toURI());
            SigmaParser.RuleFile parsed = SigmaParser.parseFile(p);
            Correlations.Linked linked = Correlations.link(parsed.rules(), parsed.correlations());
            assertTrue(linked.errors().isEmpty(), linked.errors().toString());
            assertFalse(linked.correlations().isEmpty());
            return new Example(parsed.rules(), linked.correlations());
        }

        /** The id findings of the rule with this Sigma name or id carry. */
        String id(String nameOrId) {
            for (SigmaRule r : rules) {
                if (r.id().equals(nameOrId) || nameOrId.equals(r.extra().get("name"))) {
                    return r.id();
                }
            }
            throw new AssertionError("no rule " + nameOrId);
        }

        SigmaRule rule(String nameOrId) {
            return rules.stream().filter(r -> r.id().equals(id(nameOrId))).findFirst().orElseThrow();
        }
    }

    private static final String FAILED = "5638f7c0-ac70-491d-8465-2a65075e0d86";

    @Test
    void eventCountHundredFailedLoginsOnOneHostInAnHour() throws Exception {
        Example ex = Example.load("event_count.yml");
        assertEquals(List.of("ComputerName"), ex.correlations().fieldsToCapture(ex.rule(FAILED)));
        List<Finding> in = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            in.add(Findings.of(FAILED).at(i * 30L).field("ComputerName", "WS1").build());
        }
        in.add(Findings.of(FAILED).at(100).field("ComputerName", "WS2").build());
        assertTrue(ex.correlations().evaluate(in).isEmpty(), "99 on WS1");
        in.add(Findings.of(FAILED).at(3000).field("ComputerName", "WS1").build());
        List<Finding> out = ex.correlations().evaluate(in);
        assertEquals(1, out.size());
        assertEquals("ComputerName=WS1", out.get(0).context().get("correlation_group"));
        assertEquals("Many failed logins: ComputerName=WS1 - 100 events within 1h", out.get(0).summary());
        assertTrue(ex.correlations().suppressBaseFindings(FAILED), "generate defaults to false");
    }

    @Test
    void valueCountHundredUsersPerSourceAndDestinationInADay() throws Exception {
        Example ex = Example.load("value_count.yml");
        assertEquals(List.of("ComputerName", "User", "WorkstationName"),
                ex.correlations().fieldsToCapture(ex.rule(FAILED)));
        List<Finding> in = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            in.add(Findings.of(FAILED).at(i * 60L).field("ComputerName", "DC1").field("WorkstationName", "WS7")
                    .field("User", "user" + (i % 99)).build());
        }
        assertTrue(ex.correlations().evaluate(in).isEmpty(), "99 distinct users");
        in.add(Findings.of(FAILED).at(86_000).field("ComputerName", "DC1").field("WorkstationName", "WS7")
                .field("User", "user99").build());
        List<Finding> out = ex.correlations().evaluate(in);
        assertEquals(1, out.size());
        assertEquals("ComputerName=DC1, WorkstationName=WS7", out.get(0).context().get("correlation_group"));
        assertTrue(out.get(0).summary().endsWith("100 distinct User within 1d"), out.get(0).summary());
    }

    private static List<Finding> recon(Example ex, String user, String... order) {
        List<Finding> in = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            in.add(Findings.of(ex.id(order[i])).at(i * 60L).field("ComputerName", "WS1").field("User", user)
                    .build());
        }
        return in;
    }

    @Test
    void temporalThreeReconCommandsInAnyOrderWithinFiveMinutes() throws Exception {
        Example ex = Example.load("temporal.yml");
        assertEquals(1, ex.correlations().evaluate(recon(ex, "bob", "recon_cmd_c", "recon_cmd_a", "recon_cmd_b"))
                .size());
        List<Finding> twoUsers = recon(ex, "bob", "recon_cmd_c", "recon_cmd_a");
        twoUsers.addAll(recon(ex, "eve", "recon_cmd_b"));
        assertTrue(ex.correlations().evaluate(twoUsers).isEmpty(), "not by the same user");
    }

    @Test
    void temporalOrderedReconCommandsInTheListedOrder() throws Exception {
        Example ex = Example.load("temporal_ordered.yml");
        assertEquals(1, ex.correlations().evaluate(recon(ex, "bob", "recon_cmd_a", "recon_cmd_b", "recon_cmd_c"))
                .size());
        assertTrue(ex.correlations().evaluate(recon(ex, "bob", "recon_cmd_a", "recon_cmd_c", "recon_cmd_b"))
                .isEmpty());
    }

    @Test
    void aliasesGroupOneAddressAcrossDifferentFields() throws Exception {
        Example ex = Example.load("aliases.yml");
        assertEquals(List.of("destination.ip", "source.ip"),
                ex.correlations().fieldsToCapture(ex.rule("internal_error")));
        Finding error = Findings.of(ex.id("internal_error")).at(0).field("destination.ip", "10.0.0.5")
                .field("source.ip", "203.0.113.9").build();
        Finding connection = Findings.of(ex.id("new_network_connection")).at(10).field("source.ip", "10.0.0.5")
                .field("destination.ip", "203.0.113.9").build();
        List<Finding> out = ex.correlations().evaluate(List.of(connection, error));
        assertEquals(1, out.size());
        assertEquals("internal_ip=10.0.0.5, remote_ip=203.0.113.9", out.get(0).context().get("correlation_group"));
        Finding sameFields = Findings.of(ex.id("new_network_connection")).at(10).field("destination.ip", "10.0.0.5")
                .field("source.ip", "203.0.113.9").build();
        assertTrue(ex.correlations().evaluate(List.of(error, sameFields)).isEmpty(), "the same field names do not "
                + "hold the same addresses");
        Finding late = Findings.of(ex.id("new_network_connection")).at(11).field("source.ip", "10.0.0.5")
                .field("destination.ip", "203.0.113.9").build();
        assertTrue(ex.correlations().evaluate(List.of(error, late)).isEmpty(), "11 s is outside 10s");
    }

    @Test
    void failedLoginsFollowedBySuccessfulLoginIsAChain() throws Exception {
        Example ex = Example.load("failed_logins_then_success.yml");
        String failed = ex.id("failed_login");
        String success = ex.id("successful_login");
        List<Finding> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(Findings.of(failed).at(i * 20L).field("User", "bob").build());
        }
        in.add(Findings.of(success).at(400).field("User", "bob").build());
        List<Finding> out = ex.correlations().evaluate(in);
        assertEquals(List.of("a8418a5a-5fc4-46b5-b23b-6c73beb19d41", "b180ead8-d58f-40b2-ae54-c8940995b9b6"),
                out.stream().map(f -> f.rule().id()).toList(), "the inner count, then the chain");
        Finding chain = out.get(1);
        assertEquals(Severity.HIGH, chain.severity());
        assertEquals("User=bob", chain.context().get("correlation_group"));
        assertEquals(chain.context().get("correlation_findings"),
                out.get(0).findingId() + "," + in.get(10).findingId());
        assertEquals("Correlation - Multiple Failed Logins Followed by Successful Login: User=bob - 2 of 2 rules in "
                + "order within 10m", chain.summary());

        assertTrue(ex.correlations().evaluate(in.subList(1, 11)).isEmpty(), "nine failures are not many");
        List<Finding> successFirst = new ArrayList<>(in.subList(0, 10));
        successFirst.add(Findings.of(success).at(-10).field("User", "bob").build());
        assertEquals(1, ex.correlations().evaluate(successFirst).size(), "only the inner count: wrong order");

        // generate is false throughout: only the outermost result is meant to be shown.
        assertTrue(ex.correlations().suppressBaseFindings(failed));
        assertTrue(ex.correlations().suppressBaseFindings(success));
        assertTrue(ex.correlations().suppressBaseFindings("a8418a5a-5fc4-46b5-b23b-6c73beb19d41"));
        assertFalse(ex.correlations().suppressBaseFindings("b180ead8-d58f-40b2-ae54-c8940995b9b6"));
    }
}
