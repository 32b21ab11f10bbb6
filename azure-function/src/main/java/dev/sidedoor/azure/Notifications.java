package dev.sidedoor.azure;

import dev.sidedoor.azure.state.NotificationLedger;
import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.finding.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Exactly-once notifications across batches, on the {@link NotificationLedger}: before publishing, the findings
 * whose operation already produced a notification are set aside; after Event Grid took them, the published ones are
 * marked. Publish first, mark second: a crash in between repeats a notification once, under the same CloudEvent id
 * (subscribers can de-duplicate on it), where marking first could lose one for good.
 *
 * <p>What is set aside:
 * <ul>
 * <li>a finding already published (same finding id: same rule, same operation), whatever record of the operation
 * this batch saw: a redelivered event, a re-run batch, or the Accepted record of a Run Command whose Succeeded record
 * an earlier batch reported;</li>
 * <li>a broader rule's finding on an operation for which a rule that supersedes it was published: the Succeeded
 * record of a CustomScript install (only the generic extension rule matches it) after its Started record (the
 * specific one).</li>
 * </ul>
 */
class Notifications {
    // Not final: LedgerIT wraps it to kill the worker between publishing and marking.

    /**
     * What to do with one batch's findings.
     *
     * @param publish      the findings to publish
     * @param notified     already published for their operation: set aside
     * @param superseded   a more specific rule was published for their operation: set aside
     * @param unavailable  why the ledger could not be read (everything is then published), or null
     */
    record Plan(List<Finding> publish, List<Finding> notified, List<Finding> superseded, String unavailable) {
    }

    private final NotificationLedger ledger;
    private final Function<String, Set<String>> supersededBy;
    private final Cooldown cooldown;

    /**
     * @param ledger       the ledger table
     * @param supersededBy the rules that supersede a rule (the detector's)
     */
    Notifications(NotificationLedger ledger, Function<String, Set<String>> supersededBy, Cooldown cooldown) {
        this.ledger = ledger;
        this.supersededBy = supersededBy;
        this.cooldown = cooldown;
    }

    /** Splits {@code findings} by what the ledger says; when it cannot be read, everything is published. */
    Plan plan(List<Finding> findings) {
        if (findings.isEmpty()) {
            return new Plan(List.of(), List.of(), List.of(), null);
        }
        Map<String, NotificationLedger.Operation> done;
        String skipping = cooldown.skipping();
        if (skipping != null) {
            return new Plan(findings, List.of(), List.of(), skipping);
        }
        try {
            done = ledger.read(findings.stream().map(Notifications::operation).toList());
        } catch (BaselineStore.UnavailableException e) {
            // Never lose a finding to the ledger: a repeat is the lesser harm.
            cooldown.failed(e.getMessage());
            return new Plan(findings, List.of(), List.of(), e.getMessage());
        }
        List<Finding> publish = new ArrayList<>();
        List<Finding> notified = new ArrayList<>();
        List<Finding> superseded = new ArrayList<>();
        for (Finding f : findings) {
            NotificationLedger.Operation op = done.get(operation(f));
            if (op == null) {
                publish.add(f);
            } else if (op.findingIds().contains(f.findingId())) {
                notified.add(f);
            } else if (!Collections.disjoint(supersededBy.apply(f.rule().name()), op.rules())) {
                superseded.add(f);
            } else {
                publish.add(f);
            }
        }
        return new Plan(publish, notified, superseded, null);
    }

    /**
     * Marks {@code published} (finding and the CloudEvent id it went out under), one conditional write per
     * operation. Throws {@link BaselineStore.UnavailableException} when the ledger cannot be written: the findings
     * are out, and a redelivery would repeat them.
     */
    void mark(Map<Finding, String> published) {
        String skipping = cooldown.skipping();
        if (skipping != null) {
            throw new BaselineStore.UnavailableException(skipping, null);
        }
        Map<String, List<NotificationLedger.Entry>> byOperation = new LinkedHashMap<>();
        published.forEach((f, eventId) -> byOperation.computeIfAbsent(operation(f), k -> new ArrayList<>())
                .add(new NotificationLedger.Entry(f.findingId(), f.rule().name(), eventId)));
        BaselineStore.UnavailableException first = null;
        for (Map.Entry<String, List<NotificationLedger.Entry>> e : byOperation.entrySet()) {
            try {
                ledger.mark(e.getKey(), e.getValue());
            } catch (BaselineStore.UnavailableException x) {
                // Try the others: each mark spares a repeat.
                first = first == null ? x : first;
            }
        }
        if (first != null) {
            cooldown.failed(first.getMessage());
            throw first;
        }
    }

    /** Deletes marks no read looks at any more; at most once a week per worker. */
    int purge() {
        if (cooldown.skipping() != null) {
            return 0;
        }
        try {
            return ledger.purgeOldWeeks();
        } catch (BaselineStore.UnavailableException e) {
            cooldown.failed(e.getMessage());
            throw e;
        }
    }

    /**
     * The operation a finding reports. An Azure operation's records (Started, Accepted, Succeeded) share the
     * correlation id, the operation name and the resource, and so do the findings of every rule on them; anything
     * else is its own operation, its finding id. Log text: the ledger hashes it.
     */
    static String operation(Finding f) {
        String correlation = f.context() == null ? null : f.context().get("correlation_id");
        if (!dev.sidedoor.core.source.Sources.mergesOperations(f.provider()) || correlation == null
                || correlation.isBlank()) {
            return "finding\u0000" + f.findingId();
        }
        return "azure\u0000" + correlation.toLowerCase(Locale.ROOT) + "\u0000"
                + String.valueOf(f.event().action()).toLowerCase(Locale.ROOT) + "\u0000"
                + String.valueOf(f.target()).toLowerCase(Locale.ROOT);
    }
}
