package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Small helpers shared by the Sigma tests. */
final class TestRules {

    private TestRules() {
    }

    /** A one-rule file whose detection is {@code detection} (indented YAML lines under "detection:"). */
    static SigmaRule detection(String detection) {
        return rule("title: test rule\nlogsource:\n    product: test\ndetection:\n" + indent(detection));
    }

    static SigmaRule rule(String yaml) {
        try {
            List<SigmaRule> rules = SigmaParser.parse(yaml, "test.yml");
            assertEquals(1, rules.size(), "rules in document");
            return rules.get(0);
        } catch (SigmaException e) {
            return fail("rule did not load: " + e.getMessage(), e);
        }
    }

    static SigmaException error(String yaml) {
        return assertThrows(SigmaException.class, () -> SigmaParser.parse(yaml, "broken.yml"));
    }

    static SigmaException detectionError(String detection) {
        return error("title: broken\ndetection:\n" + indent(detection));
    }

    static boolean matches(SigmaRule rule, String json) {
        return rule.matches(JsonSigmaDocument.of(json));
    }

    private static String indent(String block) {
        StringBuilder b = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            b.append(line.isEmpty() ? "" : "    " + line).append('\n');
        }
        return b.toString();
    }
}
