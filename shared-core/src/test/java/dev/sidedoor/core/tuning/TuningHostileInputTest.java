package dev.sidedoor.core.tuning;

import static dev.sidedoor.core.tuning.TestFindings.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.match.Glob;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Event values are attacker-controlled. A 1 MB value shaped to make backtracking matchers explode must be handled
 * in one pass per pattern segment. (No timing assertion: a backtracking matcher would simply not finish.)
 */
class TuningHostileInputTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final String MB_OF_A = "a".repeat(1 << 20);

    @Test
    void megabyteValuesAgainstNastyGlobs() {
        String[][] patternAndMatchingTail = {
                {"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "b"},
                {"a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b*", "ba"},
                {"*" + "a".repeat(200) + "b*", "ba"},
                {"*" + "?".repeat(100) + "b" + "*a", "ba"},
                {"*a?a?a?a?a?a?a?a?a?a?a?b", "b"},
                {"*" + "a?".repeat(80) + "b*", "b"},
        };
        for (String[] c : patternAndMatchingTail) {
            Glob g = Glob.compile(c[0]);
            assertFalse(g.matches(MB_OF_A), c[0]);
            assertTrue(g.matches(MB_OF_A + c[1]), c[0]);
        }
    }

    @Test
    void megabyteFindingFieldsThroughApply() throws Exception {
        Tuning t = Tuning.parse("""
                trusted_networks:
                  - name: vpn
                    cidr: 10.0.0.0/8
                sensitive_targets:
                  - name: dbs
                    target: "*a*a*a*a*a*a*a*a*a*a*a*a*b"
                suppressions:
                  - id: hostile
                    rule: "*a*a*a*a*a*a*a*a*a*a*a*a*b"
                    match:
                      actor: "*a*a*a*a*a*a*a*a*a*a*a*a*b"
                      user_agent: "*a*a*a*a*a*a*a*a*a*a*a*a*b"
                      source_ip: ["*a*a*a*a*a*a*a*a*a*a*a*a*b", "10.0.0.0/8"]
                      context.document: "*a*a*a*a*a*a*a*a*a*a*a*a*b"
                    reason: r
                    expires: 2027-01-01
                """, "hostile.yml");
        Finding f = finding().rule(MB_OF_A).actor(MB_OF_A).userAgent(MB_OF_A).sourceIp(MB_OF_A).target(MB_OF_A)
                .context("document", MB_OF_A).build();
        Finding out = t.apply(f, TODAY);
        assertFalse(out.suppressed());
        assertEquals(f.severity(), out.severity());

        Finding hit = finding().rule(MB_OF_A + "b").actor(MB_OF_A + "b").userAgent(MB_OF_A + "b")
                .sourceIp(MB_OF_A + "b").context("document", MB_OF_A + "b").build();
        assertTrue(t.apply(hit, TODAY).suppressed());
    }
}
