package dev.sidedoor.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.baseline.Baselines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tuning file's baseline section: read when given, defaults when not, every mistake with its line. */
class TuningBaselineTest {

    @Test
    void theSectionIsReadAndDefaultsFillTheRest() throws Exception {
        Tuning t = Tuning.parse("""
                baseline:
                  learning_days: 21
                  always_notify: ["aws_ssm_send_command_*", azure_vm_run_command]
                """, "t.yml");
        assertEquals(new Baselines.Settings(21, 60, 2, List.of("aws_ssm_send_command_*", "azure_vm_run_command")),
                t.baseline());
        assertEquals(Baselines.Settings.DEFAULTS, Tuning.none().baseline());
        assertEquals(Baselines.Settings.DEFAULTS, Tuning.parse("suppressions: []\n", "t.yml").baseline());
    }

    @Test
    void mistakesNameTheLine() {
        TuningException bad = assertThrows(TuningException.class, () -> Tuning.parse("""
                baseline:
                  learning_days: 21
                  history_days: soon
                """, "t.yml"));
        assertTrue(bad.getMessage().startsWith("t.yml:3: baseline: history_days is 'soon'"), bad.getMessage());
        TuningException unknown = assertThrows(TuningException.class, () -> Tuning.parse("""
                baseline:
                  learn_days: 21
                """, "t.yml"));
        assertTrue(unknown.getMessage().startsWith("t.yml:2: unknown key 'learn_days' in baseline"),
                unknown.getMessage());
        TuningException order = assertThrows(TuningException.class, () -> Tuning.parse("""
                baseline:
                  history_days: 10
                  routine_days: 10
                """, "t.yml"));
        assertTrue(order.getMessage().contains("routine_days (10) must be less than history_days (10)"),
                order.getMessage());
    }
}
