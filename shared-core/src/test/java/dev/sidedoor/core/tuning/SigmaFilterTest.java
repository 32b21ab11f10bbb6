package dev.sidedoor.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sigma filters listed in the tuning file: exclusions shared with other Sigma tools, counted as suppressions. */
class SigmaFilterTest {

    @TempDir
    Path dir;

    private static final String SESSION = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ssm.amazonaws.com\","
            + "\"eventName\":\"StartSession\",\"eventID\":\"%s\",\"eventTime\":\"2026-12-01T10:00:00Z\","
            + "\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"%s\",\"recipientAccountId\":\"111122223333\","
            + "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/a\"},"
            + "\"requestParameters\":{\"target\":\"i-0123456789abcdef0\"}}";

    private Tuning tuning(String filters) throws Exception {
        Files.createDirectories(dir.resolve("filters"));
        Files.writeString(dir.resolve("filters/mf_bastion_network.yml"), filters);
        Files.writeString(dir.resolve("tuning.yml"), "sigma_filters:\n  - filters\n");
        return Tuning.load(dir.resolve("tuning.yml"));
    }

    private static List<Finding> scan(Tuning tuning, String... records) throws Exception {
        Engine engine = new Engine(BuiltInRules.load(), tuning, Clock.systemUTC());
        InputResult r = engine.scan(new ByteArrayInputStream(String.join("\n", records)
                .getBytes(StandardCharsets.UTF_8)), "t");
        return r.findings();
    }

    @Test
    void aFilteredEventIsKeptAsASuppressedFindingNamingTheFilter() throws Exception {
        Tuning t = tuning("""
                title: Sessions from the bastion network
                id: 5c1f0f4e-0000-4000-8000-000000000001
                description: The bastion hosts open sessions all day.
                logsource:
                  product: aws
                  service: cloudtrail
                filter:
                  rules:
                    - aws_ssm_start_session_shell
                  selection:
                    sourceIPAddress|cidr: 10.20.0.0/16
                  condition: not selection
                """);
        List<Finding> findings = scan(t, SESSION.formatted("e1", "10.20.3.4"), SESSION.formatted("e2", "203.0.113.9"));
        assertEquals(2, findings.size(), findings.toString());
        Finding bastion = findings.stream().filter(f -> "10.20.3.4".equals(f.sourceIp())).findFirst().orElseThrow();
        Finding outside = findings.stream().filter(f -> "203.0.113.9".equals(f.sourceIp())).findFirst().orElseThrow();
        assertEquals("sigma-filter:5c1f0f4e-0000-4000-8000-000000000001", bastion.suppression().id());
        assertTrue(bastion.suppression().reason().startsWith("Sigma filter 'Sessions from the bastion network' ("),
                bastion.suppression().reason());
        assertTrue(bastion.suppression().reason().endsWith("The bastion hosts open sessions all day."));
        assertNull(outside.suppression());
        assertEquals(List.of(), t.warnings(LocalDate.parse("2026-12-06"), List.of(), BuiltInRules.load()));
    }

    @Test
    void anyRuleOfTheLogsourceAndNoRuleAtAll() throws Exception {
        Tuning any = tuning("""
                title: Lab account
                logsource: {product: aws}
                filter:
                  rules: any
                  lab:
                    recipientAccountId: '111122223333'
                  condition: not lab
                """);
        assertTrue(scan(any, SESSION.formatted("e1", "203.0.113.9")).stream().allMatch(Finding::suppressed));

        Tuning gcpOnly = tuning("""
                title: Lab project
                logsource: {product: gcp}
                filter:
                  rules: [aws_ssm_start_session_shell]
                  lab:
                    logName|contains: lab
                  condition: not lab
                """);
        assertTrue(scan(gcpOnly, SESSION.formatted("e1", "203.0.113.9")).stream().noneMatch(Finding::suppressed));
        List<String> warnings = gcpOnly.warnings(LocalDate.parse("2026-12-06"), List.of(), BuiltInRules.load());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("mf_bastion_network.yml:1: Sigma filter 'Lab project' applies to no "
                + "loaded rule"), warnings.get(0));
    }

    @Test
    void aBrokenFilterNamesTheTuningEntryAndTheFilterFileLine() throws Exception {
        TuningException e = assertThrows(TuningException.class, () -> tuning("""
                title: Broken
                logsource: {product: aws}
                filter:
                  rules: any
                  sel:
                    eventName|sometimes: x
                  condition: not sel
                """));
        assertTrue(e.getMessage().contains("tuning.yml:2: sigma_filters: "), e.getMessage());
        assertTrue(e.getMessage().contains("mf_bastion_network.yml:6: unknown modifier 'sometimes'"), e.getMessage());

        Files.writeString(dir.resolve("tuning.yml"), "sigma_filters: [missing]\n");
        TuningException missing = assertThrows(TuningException.class, () -> Tuning.load(dir.resolve("tuning.yml")));
        assertTrue(missing.getMessage().contains("sigma_filters: missing: no such file or folder"),
                missing.getMessage());
    }
}
