package dev.sidedoor.core.correlation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaParser;
import java.util.List;

/** Loads YAML text (rules and correlations, several documents) the way a rule directory is loaded. */
final class Correlate {

    private Correlate() {
    }

    static Correlations load(String yaml) {
        Correlations.Linked linked = link(yaml);
        assertTrue(linked.errors().isEmpty(), "link errors: " + linked.errors());
        return linked.correlations();
    }

    static Correlations.Linked link(String yaml) {
        try {
            SigmaParser.RuleFile file = SigmaParser.parseFile(yaml, "test/mr_test.yml");
            return Correlations.link(file.rules(), file.correlations());
        } catch (SigmaException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The rules every test correlates: names a, b, c (their ids are the names). */
    static final String RULES = """
            title: rule a
            id: a
            logsource: {product: aws, service: cloudtrail}
            detection: {sel: {eventName: A}, condition: sel}
            ---
            title: rule b
            id: b
            logsource: {product: aws, service: cloudtrail}
            detection: {sel: {eventName: B}, condition: sel}
            ---
            title: rule c
            id: c
            logsource: {product: aws, service: cloudtrail}
            detection: {sel: {eventName: C}, condition: sel}
            """;

    static Correlations with(String correlation) {
        return load(RULES + "---\n" + correlation);
    }

    static List<String> summaries(List<dev.sidedoor.core.finding.Finding> findings) {
        return findings.stream().map(dev.sidedoor.core.finding.Finding::summary).toList();
    }
}
