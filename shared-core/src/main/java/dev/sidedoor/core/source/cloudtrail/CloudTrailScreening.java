package dev.sidedoor.core.source.cloudtrail;

import dev.sidedoor.core.read.FieldDecisions;
import dev.sidedoor.core.read.TopLevelFields;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.FieldProbe;
import dev.sidedoor.core.source.Screening;
import dev.sidedoor.core.source.TopLevelDocument;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plain CloudTrail records, judged on the top-level fields the AWS rules read (eventSource, eventName...). Anything
 * wrapped or nested is left to be built.
 */
final class CloudTrailScreening implements Screening {

    private final SigmaRule[] candidates;
    private final Set<String> envelopeKeys;
    private final Set<String> read;
    /**
     * Shared by every scan of this detector, bounded. Keyed on every field an answer can depend on: eventSource,
     * eventName and the top-level fields the rules read. The envelope keys are read too, but an answer is only
     * asked for a record that has none of them ({@link #isPlainCloudTrail}), so they are the same, absent, in every
     * key and are left out of it: a key of two fields rather than of every envelope key too, walked twice per record.
     */
    private final FieldDecisions decided;

    CloudTrailScreening(List<SigmaRule> rules, Set<String> envelopeKeys) {
        this.candidates = rules.toArray(SigmaRule[]::new);
        this.envelopeKeys = envelopeKeys;
        Set<String> decisive = new HashSet<>(FieldProbe.topLevelFieldsRead(rules));
        decisive.add("eventSource");
        decisive.add("eventName");
        Set<String> names = new HashSet<>(envelopeKeys);
        names.addAll(decisive);
        this.read = Set.copyOf(names);
        this.decided = new FieldDecisions(decisive.toArray(String[]::new), MAX_DECISIONS);
    }

    @Override
    public Set<String> fields() {
        return read;
    }

    @Override
    public int verdict(TopLevelFields fields) {
        if (!isPlainCloudTrail(fields)) {
            return NOT_MINE;
        }
        // The answer depends only on the fields read, which repeat endlessly (eventSource, eventName).
        Boolean known = decided.get(fields);
        if (known == null) {
            TopLevelDocument doc = new TopLevelDocument(fields, read);
            known = false;
            for (SigmaRule r : candidates) {
                if (r.mayMatch(doc)) {
                    known = true;
                    break;
                }
            }
            decided.put(fields, known);
        }
        return known ? WANTED : UNWANTED;
    }

    /** The same test the normaliser applies, and none of the envelope keys the reader or other sources look for. */
    private boolean isPlainCloudTrail(TopLevelFields f) {
        String source = f.text("eventSource");
        if (source == null || !source.endsWith(".amazonaws.com") || f.text("eventName") == null) {
            return false;
        }
        return !f.hasAnyOf(envelopeKeys);
    }
}
