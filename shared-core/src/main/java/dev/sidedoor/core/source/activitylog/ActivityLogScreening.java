package dev.sidedoor.core.source.activitylog;

import dev.sidedoor.core.read.TopLevelFields;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Screening;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Activity Log records in the diagnostic-settings shape, judged on their operationName alone. Every record of one
 * operation carries the same operationName, so an operation is built whole or not at all, and the records a
 * finding is settled from (outcome, caller IP) are never passed over. REST-shaped records are always built.
 */
final class ActivityLogScreening implements Screening {

    /** The envelope keys but operationName, which this source's records have too. */
    private final Set<String> otherEnvelopeKeys;
    private final Set<String> read;
    private final Map<String, List<SigmaRule>> rulesByService = new HashMap<>();
    // Answers per route, keyed by the operation name as read: no key to build for each record.
    private final Map<String, ConcurrentHashMap<String, Boolean>> decided = new HashMap<>();

    ActivityLogScreening(Function<String, List<SigmaRule>> rulesOfRoute, Set<String> envelopeKeys) {
        this.otherEnvelopeKeys = envelopeKeys.stream().filter(k -> !k.equals("operationName"))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        Set<String> names = new HashSet<>(envelopeKeys);
        names.addAll(AzureNormalizer.RECORD_KEYS);
        this.read = Set.copyOf(names);
        for (String service : ActivityLogSource.SERVICES) {
            rulesByService.put(service, rulesOfRoute.apply("azure/" + service));
            decided.put(service, new ConcurrentHashMap<>());
        }
    }

    @Override
    public Set<String> fields() {
        return read;
    }

    @Override
    public int verdict(TopLevelFields f) {
        if (!isExport(f)) {
            return NOT_MINE;
        }
        String service = AzureNormalizer.service(f.text("category"), null);
        String op = f.text("operationName");
        ConcurrentHashMap<String, Boolean> answers = decided.get(service);
        Boolean known = answers.get(op);
        if (known == null) {
            OperationNameDocument doc = new OperationNameDocument(f.scalar("operationName"));
            // Siblings are grouped by operationName in any case; a rule that tells case apart could match one
            // sibling and not the one that settles the finding, so a route with such a rule is never screened.
            known = rulesByService.get(service).stream()
                    .anyMatch(r -> r.testsCaseSensitively("operationName") || r.mayMatch(doc));
            if (answers.size() < MAX_DECISIONS) {
                answers.put(op, known);
            }
        }
        return known ? WANTED : UNWANTED;
    }

    /**
     * A record the normaliser will read as the diagnostic-settings export: operationName a string (the REST shape
     * has an object there), a category that is a string or absent, one of the keys the normaliser recognises Azure
     * by, and none that make it an envelope or another source's record.
     */
    private boolean isExport(TopLevelFields f) {
        if (f.text("operationName") == null || f.isContainer("category")
                || f.has("category") && f.text("category") == null
                || dev.sidedoor.core.source.entra.EntraSource.isEntraCategory(f.text("category"))) {
            return false;
        }
        if (f.hasAnyOf(otherEnvelopeKeys)) {
            return false;
        }
        for (String k : AzureNormalizer.RECORD_KEYS) {
            if (f.has(k)) {
                return true;
            }
        }
        return false;
    }
}
