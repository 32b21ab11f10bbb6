package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.tuning.Tuning;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void primingRunsTheWholeDetectionPathOnItsBundledEvent() {
        Engine engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
        Priming priming = new Priming(new EventProcessor(engine, Severity.MEDIUM),
                new FindingMessages(dev.sidedoor.core.output.FindingFormat.sidedoor()), new ChatNotification());
        // The sample must produce a finding at the default threshold, or the message paths stay cold.
        assertEquals(1, priming.run());
    }
}
