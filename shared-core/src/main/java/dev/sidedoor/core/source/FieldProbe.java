package dev.sidedoor.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.sigma.PartialDocument;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds which fields rules could decide on, by screening them against a document that knows nothing: every
 * field test then answers "unknown", so no branch is cut short and every field name is asked about once.
 */
public final class FieldProbe implements PartialDocument {

    private final Set<String> asked = new HashSet<>();

    private FieldProbe() {
    }

    public static Set<String> topLevelFieldsRead(List<SigmaRule> rules) {
        FieldProbe probe = new FieldProbe();
        for (SigmaRule r : rules) {
            r.mayMatch(probe);
        }
        Set<String> topLevel = new HashSet<>();
        for (String name : probe.asked) {
            if (name.indexOf('.') < 0) {
                topLevel.add(name);
            }
        }
        return topLevel;
    }

    @Override
    public boolean knows(String field) {
        asked.add(field);
        return false;
    }

    @Override
    public JsonNode field(String name) {
        return null;
    }

    @Override
    public JsonNode root() {
        return null;
    }
}
