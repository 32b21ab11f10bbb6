package dev.sidedoor.core.source.entra;

import dev.sidedoor.core.read.TopLevelFields;
import dev.sidedoor.core.source.Screening;
import java.util.HashSet;
import java.util.Set;

/**
 * Entra ID records judged on their category alone: a sign-in or audit record is built when some rule is routed to
 * its service, and passed over when none is. Every sign-in carries the same operation name, so nothing finer is
 * worth reading at the top level (the rules decide on the application, the result and the user, all nested in the
 * diagnostic shape). Graph-shaped records are left to be built.
 */
final class EntraScreening implements Screening {

    private final boolean noSignInRules;
    private final boolean noAuditRules;
    /** The envelope keys but operationName, which this source's records have too. */
    private final Set<String> otherEnvelopeKeys;
    private final Set<String> read;

    EntraScreening(boolean noSignInRules, boolean noAuditRules, Set<String> envelopeKeys) {
        this.noSignInRules = noSignInRules;
        this.noAuditRules = noAuditRules;
        this.otherEnvelopeKeys = envelopeKeys.stream().filter(k -> !k.equals("operationName"))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        Set<String> names = new HashSet<>(envelopeKeys);
        names.addAll(EntraNormalizer.RECOGNITION_KEYS);
        this.read = Set.copyOf(names);
    }

    @Override
    public Set<String> fields() {
        return read;
    }

    @Override
    public int verdict(TopLevelFields f) {
        // Most records are another source's: decide on the keys every Entra shape has before anything else.
        if (!f.has("category") && !f.has("Type") && !f.has("Category")) {
            return NOT_MINE;
        }
        if (f.hasAnyOf(otherEnvelopeKeys)) {
            return NOT_MINE;
        }
        String service = EntraNormalizer.service(f.text("operationName"), f.text("category"), f.text("OperationName"),
                f.text("Category"), f.text("Type"));
        if (service == null) {
            return NOT_MINE;
        }
        boolean none = service.equals(EntraSource.SIGNIN) ? noSignInRules : noAuditRules;
        return none ? UNWANTED : WANTED;
    }
}
