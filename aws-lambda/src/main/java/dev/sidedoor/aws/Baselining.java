package dev.sidedoor.aws;

import dev.sidedoor.aws.state.DynamoApi;
import dev.sidedoor.aws.state.DynamoBaselineStore;
import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.Baselines;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one event's findings against the baseline in the state table, then applies the tuning file, in the same
 * order as {@code sidedoor scan --state} (so a sensitive target still raises a routine finding). Fails open: a
 * table that cannot be reached leaves every finding at its rule's level, with a note.
 */
final class Baselining implements EventProcessor.Judge {

    private final DynamoApi dynamo;
    private final String table;
    private final Tuning tuning;
    private final List<SigmaRule> rules;
    private final Clock clock;

    Baselining(DynamoApi dynamo, String table, Tuning tuning, List<SigmaRule> rules, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.tuning = tuning;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public EventProcessor.Judgement judge(List<Finding> findings) {
        if (findings.isEmpty()) {
            return new EventProcessor.Judgement(findings, null, null, 0, 0);
        }
        DynamoBaselineStore store = new DynamoBaselineStore(dynamo, table, tuning.baseline().historyDays());
        Baselines.Judged judged = new Baselines(store, tuning.baseline(), rules).applyOrFailOpen(findings);
        String notRecorded = null;
        if (judged.unavailable() == null) {
            try {
                store.flush();
            } catch (BaselineStore.UnavailableException e) {
                // Judged on what the table held; only this event's own days are missing from it.
                notRecorded = e.getMessage();
            }
        }
        LocalDate today = LocalDate.now(clock);
        List<Finding> tuned = new ArrayList<>(judged.findings().size());
        for (Finding f : judged.findings()) {
            tuned.add(tuning.apply(f, today));
        }
        return new EventProcessor.Judgement(tuned, judged.unavailable(), notRecorded, store.reads(), store.writes());
    }
}
