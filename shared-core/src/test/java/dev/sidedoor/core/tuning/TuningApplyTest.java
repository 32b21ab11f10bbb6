package dev.sidedoor.core.tuning;

import static dev.sidedoor.core.tuning.TestFindings.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuningApplyTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    static Tuning tuning(String yaml) throws TuningException {
        return Tuning.parse(yaml, "test.yml");
    }

    /** One suppression for aws_ssm_send_command_* with the given match block lines (already indented by 6). */
    static Tuning suppression(String matchLines) throws TuningException {
        return tuning("""
                suppressions:
                  - id: s1
                    rule: "aws_ssm_send_command_*"
                    match:
                %s
                    reason: "expected, SEC-1"
                    expires: 2027-03-31
                """.formatted(matchLines));
    }

    static boolean suppressed(Tuning t, TestFindings f) {
        return t.apply(f.build(), TODAY).suppressed();
    }

    // ---- suppressions -----------------------------------------------------------------------------------

    @Test
    void suppressesByActorGlobAndSetsTheReference() throws Exception {
        Tuning t = suppression("      actor: \"arn:aws:sts::*:assumed-role/PatchRole/*\"");
        Finding f = finding().build();
        Finding out = t.apply(f, TODAY);
        assertTrue(out.suppressed());
        assertEquals(new Finding.SuppressionRef("s1", "expected, SEC-1", "2027-03-31"), out.suppression());
        assertEquals(Severity.MEDIUM, out.severity());
        assertEquals(List.of(), out.notes());
        assertEquals(f.findingId(), out.findingId(), "a suppressed finding is returned, not dropped");
    }

    @Test
    void actorGlobDoesNotSuppressLookAlikeRoles() throws Exception {
        Tuning t = suppression("      actor: \"arn:aws:sts::*:assumed-role/PatchRole/*\"");
        assertTrue(suppressed(t, finding().actor("ARN:AWS:STS::111122223333:ASSUMED-ROLE/patchrole/x")),
                "globs are case-insensitive");
        assertFalse(suppressed(t, finding().actor("arn:aws:sts::111122223333:assumed-role/PatchRoleAdmin/x")));
        assertFalse(suppressed(t, finding().actor("arn:aws:sts::111122223333:assumed-role/NotPatchRole/x")));
        assertFalse(suppressed(t, finding().actor("arn:aws:sts::111122223333:assumed-role/PatchRole")));
        assertFalse(suppressed(t, finding().actor("arn:aws:iam::111122223333:role/PatchRole/x")));
        assertFalse(suppressed(t, finding().actor(" arn:aws:sts::111122223333:assumed-role/PatchRole/x")),
                "the whole value must match");
        assertFalse(suppressed(t, finding().actor("xarn:aws:sts::111122223333:assumed-role/PatchRole/x")));
    }

    @Test
    void exactAccountInActorGlobDoesNotMatchOtherAccounts() throws Exception {
        Tuning t = suppression("      actor: \"arn:aws:sts::111122223333:assumed-role/PatchRole/*\"");
        assertTrue(suppressed(t, finding()));
        assertFalse(suppressed(t, finding().actor("arn:aws:sts::444455556666:assumed-role/PatchRole/patch-session-1")));
    }

    @Test
    void ruleGlobMatchesNameIdOrTitleAndNothingElse() throws Exception {
        Tuning byName = tuning("""
                suppressions:
                  - id: by-name
                    rule: "aws_ssm_send_command_*"
                    reason: r
                    expires: 2027-01-01
                """);
        assertTrue(suppressed(byName, finding()));
        assertFalse(suppressed(byName, finding().rule("aws_ssm_start_session_shell")));
        assertFalse(suppressed(byName, finding().rule("aws_ssm_send_command")), "the underscore before * is required");

        Tuning byId = tuning("""
                suppressions:
                  - id: by-id
                    rule: E97E7369-D039-4BEA-AA3A-9A24C2FF5C73
                    reason: r
                    expires: 2027-01-01
                """);
        assertTrue(suppressed(byId, finding().rule("renamed_rule")));

        Tuning byTitle = tuning("""
                suppressions:
                  - id: by-title
                    rule: "*run command with a shell*"
                    reason: r
                    expires: 2027-01-01
                """);
        assertTrue(suppressed(byTitle, finding().rule("renamed_rule")));
    }

    @Test
    void ruleListIsAnyOf() throws Exception {
        Tuning t = tuning("""
                suppressions:
                  - id: two-rules
                    rule: [aws_ssm_start_session_shell, aws_ssm_send_command_shell]
                    reason: r
                    expires: 2027-01-01
                """);
        assertTrue(suppressed(t, finding().rule("aws_ssm_start_session_shell")));
        assertTrue(suppressed(t, finding().rule("aws_ssm_send_command_shell")));
        assertFalse(suppressed(t, finding().rule("aws_ssm_start_session_ssh")));
    }

    @Test
    void suppressesBySourceCidr() throws Exception {
        Tuning t = suppression("      source_ip: \"10.0.0.0/8\"");
        assertTrue(suppressed(t, finding().sourceIp("10.1.2.3")));
        assertTrue(suppressed(t, finding().sourceIp("10.255.255.255")));
        assertTrue(suppressed(t, finding().sourceIp("::ffff:10.9.8.7")), "IPv4-mapped IPv6 is the IPv4 address");
        assertFalse(suppressed(t, finding().sourceIp("11.0.0.1")));
        assertFalse(suppressed(t, finding().sourceIp("9.255.255.255")));
        assertFalse(suppressed(t, finding().sourceIp("10.0.0.1.attacker.example")), "not an IP literal");
        assertFalse(suppressed(t, finding().sourceIp("010.0.0.1")), "leading zeros are not a literal");
        assertFalse(suppressed(t, finding().sourceIp("10.0.0.1:443")));
        assertFalse(suppressed(t, finding().sourceIp(null)));
    }

    @Test
    void suppressesByIpv6CidrAndSingleAddress() throws Exception {
        Tuning t = suppression("      source_ip: [\"2001:db8:abcd::/48\", \"192.0.2.10\"]");
        assertTrue(suppressed(t, finding().sourceIp("2001:db8:abcd:12::1")));
        assertTrue(suppressed(t, finding().sourceIp("2001:DB8:ABCD:0:0:0:0:1")));
        assertFalse(suppressed(t, finding().sourceIp("2001:db8:abce::1")));
        assertTrue(suppressed(t, finding().sourceIp("192.0.2.10")));
        assertTrue(suppressed(t, finding().sourceIp("::ffff:192.0.2.10")));
        assertFalse(suppressed(t, finding().sourceIp("192.0.2.100")), "a bare address is one address, not a prefix");
    }

    @Test
    void serviceNameIsAGlobNotAnAddress() throws Exception {
        Tuning t = suppression("      source_ip: \"ssm.amazonaws.com\"");
        assertTrue(suppressed(t, finding().sourceIp("ssm.amazonaws.com")));
        assertTrue(suppressed(t, finding().sourceIp("SSM.AmazonAWS.com")));
        assertFalse(suppressed(t, finding().sourceIp("ssm.amazonaws.com.attacker.example")));
        assertFalse(suppressed(t, finding().sourceIp("evilssm.amazonaws.com")));
        assertFalse(suppressed(t, finding().sourceIp("ssm-guiconnect.amazonaws.com")));
    }

    @Test
    void matchListIsAnyOfMixingServiceNamesAndCidrs() throws Exception {
        Tuning t = suppression("      source_ip: [\"ssm.amazonaws.com\", \"10.0.0.0/8\"]");
        assertTrue(suppressed(t, finding().sourceIp("ssm.amazonaws.com")));
        assertTrue(suppressed(t, finding().sourceIp("10.20.30.40")));
        assertFalse(suppressed(t, finding().sourceIp("198.51.100.7")));
        assertFalse(suppressed(t, finding().sourceIp("inspector2.amazonaws.com")));
    }

    @Test
    void allMatchFieldsMustMatch() throws Exception {
        Tuning t = suppression("""
                      actor: "arn:aws:sts::*:assumed-role/PatchRole/*"
                      context.document: "AWS-RunPatchBaseline"\
                """);
        assertTrue(suppressed(t, finding().context("document", "AWS-RunPatchBaseline")));
        assertTrue(suppressed(t, finding().context("document", "aws-runpatchbaseline")));
        assertFalse(suppressed(t, finding().context("document", "AWS-RunShellScript")), "actor alone is not enough");
        assertFalse(suppressed(t, finding().context("document", "AWS-RunPatchBaselineAssociation")));
        assertFalse(suppressed(t, finding().context("document", "AWS-RunPatchBaseline")
                .actor("arn:aws:sts::111122223333:assumed-role/DevRole/x")), "document alone is not enough");
    }

    @Test
    void missingFieldNeverMatchesEvenStar() throws Exception {
        Tuning t = suppression("      context.port: \"*\"");
        assertFalse(suppressed(t, finding()));
        assertTrue(suppressed(t, finding().context("port", "22")));
        Tuning ua = suppression("      user_agent: \"*\"");
        assertFalse(suppressed(ua, finding().userAgent(null)));
        assertTrue(suppressed(ua, finding().userAgent("")), "an empty value is present and matches *");
    }

    @Test
    void matchesEveryDocumentedField() throws Exception {
        String[][] cases = {
                {"rule.id", "e97e7369-*"}, {"rule.name", "aws_ssm_send_command_shell"},
                {"rule.title", "*shell script*"}, {"severity", "medium"}, {"provider", "AWS"},
                {"actor", "*/PatchRole/*"}, {"target", "i-0abc*"}, {"source_ip", "198.51.100.0/24"},
                {"account", "111122223333"}, {"region", "eu-*"}, {"user_agent", "aws-cli/*"},
                {"event.action", "SendCommand"}, {"event.service", "ssm.amazonaws.com"},
                {"event.outcome", "success"}, {"context.document", "AWS-RunShellScript"},
        };
        for (String[] c : cases) {
            Tuning yes = suppression("      " + c[0] + ": \"" + c[1] + "\"");
            assertTrue(suppressed(yes, finding()), c[0]);
            String other = c[0].equals("severity") ? "critical" : "no-such-value";
            Tuning no = suppression("      " + c[0] + ": \"" + other + "\"");
            assertFalse(suppressed(no, finding()), c[0]);
        }
    }

    @Test
    void contextKeysWithDotsAreWholeKeys() throws Exception {
        Tuning t = suppression("      context.http://schemas.example/claims/upn: \"ops@example.com\"");
        assertTrue(suppressed(t, finding().context("http://schemas.example/claims/upn", "OPS@example.com")));
    }

    @Test
    void firstLiveSuppressionInFileOrderWins() throws Exception {
        Tuning t = tuning("""
                suppressions:
                  - id: first
                    rule: "aws_ssm_*"
                    reason: first reason
                    expires: 2027-01-01
                  - id: second
                    rule: "*"
                    reason: second reason
                    expires: 2027-01-01
                """);
        assertEquals("first", t.apply(finding().build(), TODAY).suppression().id());
        assertEquals("second", t.apply(finding().rule("azure_vm_run_command").build(), TODAY).suppression().id());
    }

    @Test
    void expiredSuppressionDoesNotApplyAndLeavesANote() throws Exception {
        Tuning t = tuning("""
                suppressions:
                  - id: old-patching
                    rule: "aws_ssm_send_command_*"
                    reason: patching
                    expires: 2026-11-19
                """);
        Finding out = t.apply(finding().build(), TODAY);
        assertFalse(out.suppressed());
        assertEquals(List.of("suppression 'old-patching' expired on 2026-11-19 and no longer applies"), out.notes());
        Finding other = t.apply(finding().rule("aws_ssm_start_session_shell").build(), TODAY);
        assertEquals(List.of(), other.notes(), "no note when the expired suppression would not have matched");
    }

    @Test
    void suppressionStillAppliesOnItsExpiryDay() throws Exception {
        Tuning t = tuning("""
                suppressions:
                  - id: last-day
                    rule: "*"
                    match: {account: "111122223333"}
                    reason: r
                    expires: 2026-11-20
                """);
        assertTrue(t.apply(finding().build(), LocalDate.of(2026, 11, 20)).suppressed());
        assertFalse(t.apply(finding().build(), LocalDate.of(2026, 11, 21)).suppressed());
    }

    @Test
    void expiredSuppressionNoteAndALiveSuppressionTogether() throws Exception {
        Tuning t = tuning("""
                suppressions:
                  - id: old
                    rule: "aws_ssm_send_command_*"
                    reason: old
                    expires: 2026-01-31
                  - id: renewed
                    rule: "aws_ssm_send_command_*"
                    reason: renewed after review
                    expires: 2027-01-31
                """);
        Finding out = t.apply(finding().build(), TODAY);
        assertEquals("renewed", out.suppression().id());
        assertEquals(List.of("suppression 'old' expired on 2026-01-31 and no longer applies"), out.notes());
    }

    @Test
    void alreadySuppressedFindingKeepsItsSuppression() throws Exception {
        Tuning t = suppression("      account: \"*\"");
        Finding pre = finding().build().withSuppression(new Finding.SuppressionRef("earlier", "r", "2027-01-01"));
        assertEquals("earlier", t.apply(pre, TODAY).suppression().id());
    }

    // ---- severity: sensitive targets and trusted networks -----------------------------------------------

    static final String NETWORKS = """
            trusted_networks:
              - name: corporate VPN egress
                cidr: 203.0.113.0/24
              - name: offices
                cidrs: [198.51.100.0/25, "2001:db8:1234::/48"]
            """;

    @Test
    void trustedNetworkLowersOneStepWithANote() throws Exception {
        Tuning t = tuning(NETWORKS);
        Finding out = t.apply(finding().sourceIp("203.0.113.9").build(), TODAY);
        assertEquals(Severity.LOW, out.severity());
        assertEquals(List.of("severity lowered: source 203.0.113.9 in trusted network 'corporate VPN egress'"),
                out.notes());
        assertFalse(out.suppressed());

        Finding v6 = t.apply(finding().severity(Severity.HIGH).sourceIp("2001:db8:1234:5::9").build(), TODAY);
        assertEquals(Severity.MEDIUM, v6.severity());
        assertEquals(List.of("severity lowered: source 2001:db8:1234:5::9 in trusted network 'offices'"), v6.notes());
    }

    @Test
    void trustedNetworkNeedsAnIpLiteralInRange() throws Exception {
        Tuning t = tuning(NETWORKS);
        for (String ip : new String[] {"198.51.100.200", "203.0.114.1", "ssm.amazonaws.com", "203.0.113.9.example",
                "2001:db8:1235::1", "", "localhost"}) {
            Finding f = finding().sourceIp(ip).build();
            assertSame(f, t.apply(f, TODAY), ip);
        }
        Finding none = finding().sourceIp(null).build();
        assertSame(none, t.apply(none, TODAY));
    }

    @Test
    void trustedNetworkNeverLowersBelowInformational() throws Exception {
        Tuning t = tuning(NETWORKS);
        Finding out = t.apply(finding().severity(Severity.INFORMATIONAL).sourceIp("203.0.113.9").build(), TODAY);
        assertEquals(Severity.INFORMATIONAL, out.severity());
        assertEquals(List.of("severity kept at informational: source 203.0.113.9 in trusted network "
                + "'corporate VPN egress'"), out.notes());
        Finding low = t.apply(finding().severity(Severity.LOW).sourceIp("203.0.113.9").build(), TODAY);
        assertEquals(Severity.INFORMATIONAL, low.severity());
    }

    static final String TARGETS = """
            sensitive_targets:
              - name: production databases
                target: "i-0db*"
              - name: payment hosts
                target: ["*/virtualMachines/pay-*", "10.20.0.0/16"]
            """;

    @Test
    void sensitiveTargetRaisesOneStepWithANote() throws Exception {
        Tuning t = tuning(TARGETS);
        Finding out = t.apply(finding().target("i-0DB1234567890abcd").build(), TODAY);
        assertEquals(Severity.HIGH, out.severity());
        assertEquals(List.of("severity raised: target matches sensitive target 'production databases'"), out.notes());

        Finding azure = t.apply(finding().target("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/"
                + "virtualMachines/pay-01").build(), TODAY);
        assertEquals(Severity.HIGH, azure.severity());
        Finding tunnel = t.apply(finding().target("10.20.3.4").build(), TODAY);
        assertEquals(List.of("severity raised: target matches sensitive target 'payment hosts'"), tunnel.notes());
    }

    @Test
    void sensitiveTargetLookAlikesAreNotRaised() throws Exception {
        Tuning t = tuning(TARGETS);
        for (String target : new String[] {"i-0abc1234567890def", "xi-0db123", "i-0d", "10.21.0.1",
                "/subscriptions/x/virtualMachines/payroll-01"}) {
            Finding f = finding().target(target).build();
            assertSame(f, t.apply(f, TODAY), target);
        }
    }

    @Test
    void sensitiveTargetKeepsCriticalAtCritical() throws Exception {
        Tuning t = tuning(TARGETS);
        Finding out = t.apply(finding().severity(Severity.CRITICAL).target("i-0db1").build(), TODAY);
        assertEquals(Severity.CRITICAL, out.severity());
        assertEquals(List.of("severity kept at critical: target matches sensitive target 'production databases'"),
                out.notes());
    }

    @Test
    void raiseThenLowerBothNoted() throws Exception {
        Tuning t = tuning(TARGETS + NETWORKS);
        Finding out = t.apply(finding().target("i-0db1").sourceIp("203.0.113.5").build(), TODAY);
        assertEquals(Severity.MEDIUM, out.severity());
        assertEquals(List.of("severity raised: target matches sensitive target 'production databases'",
                "severity lowered: source 203.0.113.5 in trusted network 'corporate VPN egress'"), out.notes());
    }

    @Test
    void severityMatchUsesTheFinalSeverity() throws Exception {
        Tuning t = tuning(TARGETS + NETWORKS + """
                suppressions:
                  - id: quiet-low
                    rule: "*"
                    match:
                      severity: [informational, low]
                    reason: low findings are reviewed weekly
                    expires: 2027-01-01
                """);
        Finding raised = t.apply(finding().severity(Severity.LOW).target("i-0db1").sourceIp("192.0.2.1").build(),
                TODAY);
        assertEquals(Severity.MEDIUM, raised.severity());
        assertFalse(raised.suppressed(), "raised to medium on a sensitive target: no longer low");

        Finding lowered = t.apply(finding().severity(Severity.MEDIUM).sourceIp("203.0.113.5").build(), TODAY);
        assertEquals(Severity.LOW, lowered.severity());
        assertTrue(lowered.suppressed());
    }

    @Test
    void severityValueInfoMeansInformational() throws Exception {
        Tuning t = suppression("      severity: info");
        assertTrue(suppressed(t, finding().severity(Severity.INFORMATIONAL)));
        assertFalse(suppressed(t, finding().severity(Severity.LOW)));
    }

    @Test
    void suppressedFindingStillGetsSeverityNotes() throws Exception {
        Tuning t = tuning(TARGETS + """
                suppressions:
                  - id: db-maintenance
                    rule: "*"
                    match: {target: "i-0db*"}
                    reason: maintenance window CHG-7
                    expires: 2027-01-01
                """);
        Finding out = t.apply(finding().target("i-0db9").build(), TODAY);
        assertTrue(out.suppressed());
        assertEquals(Severity.HIGH, out.severity());
        assertEquals(1, out.notes().size());
    }

    // ---- none / nothing applies -------------------------------------------------------------------------

    @Test
    void noneAndEmptyFilesChangeNothing() throws Exception {
        Finding f = finding().build();
        assertSame(f, Tuning.none().apply(f, TODAY));
        assertTrue(Tuning.none().isEmpty());
        assertEquals(List.of(), Tuning.none().warnings(TODAY));
        Tuning empty = tuning("# nothing tuned yet\n");
        assertTrue(empty.isEmpty());
        assertSame(f, empty.apply(f, TODAY));
        Tuning emptySections = tuning("suppressions:\ntrusted_networks: []\nsensitive_targets:\n");
        assertTrue(emptySections.isEmpty());
    }

    @Test
    void findingWithNullRuleAndSeverityIsLeftAlone() throws Exception {
        Tuning t = tuning(TARGETS + "suppressions:\n  - {id: all, rule: \"*\", reason: r, expires: 2027-01-01}\n");
        Finding bare = new Finding("x", null, null, List.of(), List.of(), "aws", null, null, "i-0db1", null, null,
                null, null, "s", java.util.Map.of(), null, List.of());
        Finding out = t.apply(bare, TODAY);
        assertNull(out.severity());
        assertFalse(out.suppressed(), "no rule: a rule glob has nothing to match");
    }
}
