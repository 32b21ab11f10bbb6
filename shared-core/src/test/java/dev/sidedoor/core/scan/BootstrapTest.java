package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.rules.BuiltInRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one set-up path: what the command line and both functions get from the same settings. */
class BootstrapTest {

    private static final Clock DEC_6 = Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC);

    static final String RULE = """
            title: Test SendCommand from anyone
            id: 6d2f0a9e-1b3c-4d5e-8f70-112233445566
            logsource:
                product: aws
                service: cloudtrail
            detection:
                selection:
                    eventName: SendCommand
                condition: selection
            level: low
            tags:
                - attack.t1651
            """;

    static final String TUNING = """
            suppressions:
              - id: old-one
                rule: "aws_ssm_send_command_*"
                match:
                  source_ip: "ssm.amazonaws.com"
                reason: "expired on purpose"
                expires: 2026-11-30
            """;

    @Test
    void rulesTuningAndWarningsArriveTogether(@TempDir Path tmp) throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("mine.yml"), RULE);
        Path tuning = Files.writeString(tmp.resolve("tuning.yml"), TUNING);
        Bootstrap.Started s = Bootstrap.start(Bootstrap.Settings.defaults(DEC_6).withRuleSources(List.of(rules))
                .withTuningFile(tuning));
        assertEquals(BuiltInRules.load().size() + 1, s.engine().detector().rules().size());
        assertEquals(1, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().get(0).contains("'old-one' expired on 2026-11-30"), s.warnings().toString());
    }

    @Test
    void everyRuleErrorAndTheTuningErrorAreReportedTogether(@TempDir Path tmp) throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("a.yml"), RULE.replace("condition: selection", "condition: selection and"));
        Files.writeString(rules.resolve("b.yml"), RULE.replace("eventName: SendCommand", "eventName|nope: x"));
        Path tuning = Files.writeString(tmp.resolve("tuning.yml"), "suppressions:\n  - id: x\n");
        Bootstrap.SetupException e = assertThrows(Bootstrap.SetupException.class, () -> Bootstrap.start(
                Bootstrap.Settings.defaults(DEC_6).withRuleSources(List.of(rules, tmp.resolve("missing")))
                        .withTuningFile(tuning)));
        assertEquals(3, e.ruleErrors().size(), e.ruleErrors().toString());
        assertTrue(e.ruleErrors().stream().anyMatch(x -> x.contains("a.yml:")), e.ruleErrors().toString());
        assertTrue(e.ruleErrors().stream().anyMatch(x -> x.contains("b.yml:")), e.ruleErrors().toString());
        assertTrue(e.ruleErrors().stream().anyMatch(x -> x.endsWith("missing: no such rules directory or file")));
        assertTrue(e.tuningError() != null && e.tuningError().contains("tuning.yml"), e.tuningError());
    }

    @Test
    void theFunctionsGetTheSameEngineAndWarnings(@TempDir Path tmp) throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("mine.yml"), RULE);
        Path tuning = Files.writeString(tmp.resolve("tuning.yml"), TUNING);
        FunctionSettings settings = FunctionSettings.fromEnvironment(Map.of("SIDEDOOR_RULES_DIR", rules.toString(),
                "SIDEDOOR_TUNING_FILE", tuning.toString(), "SIDEDOOR_COMMAND_TEXT", "full"));
        Bootstrap.Started viaFunction = FunctionEngine.start(settings, DEC_6);
        Bootstrap.Started viaCli = Bootstrap.start(Bootstrap.Settings.defaults(DEC_6).withRuleSources(List.of(rules))
                .withTuningFile(tuning).withFullCommandText(true));
        assertEquals(viaCli.warnings(), viaFunction.warnings());
        assertEquals(viaCli.engine().detector().rules().stream().map(r -> r.id()).toList(),
                viaFunction.engine().detector().rules().stream().map(r -> r.id()).toList());
    }
}
