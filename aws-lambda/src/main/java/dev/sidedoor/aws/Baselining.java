package dev.sidedoor.aws;

import dev.sidedoor.aws.state.DynamoApi;
import dev.sidedoor.aws.state.DynamoBaselineStore;
import dev.sidedoor.core.baseline.Baselines;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
    private final Ledger ledger;

    Baselining(DynamoApi dynamo, String table, Tuning tuning, List<SigmaRule> rules, Clock clock, Ledger ledger) {
        this.ledger = ledger;
        this.dynamo = dynamo;
        this.table = table;
        this.tuning = tuning;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * The same judgement on a throw-away in-memory baseline: for priming before a SnapStart snapshot, which must
     * load the baseline's code without writing a sample event into the organisation's table.
     */
    static EventProcessor.Judge inMemory(Tuning tuning, List<SigmaRule> rules, Clock clock) {
        return findings -> {
            Baselines b = new Baselines(new dev.sidedoor.core.baseline.MemoryStore(), tuning.baseline(), rules);
            LocalDate today = LocalDate.now(clock);
            List<Finding> tuned = new ArrayList<>();
            for (Finding f : b.applyOrFailOpen(findings).findings()) {
                tuned.add(tuning.apply(f, today));
            }
            return new EventProcessor.Judgement(tuned, null, EventProcessor.Judgement.RECORDED, 0, 0);
        };
    }

    @Override
    public EventProcessor.Judgement judge(List<Finding> findings) {
        if (findings.isEmpty()) {
            return new EventProcessor.Judgement(findings, null, EventProcessor.Judgement.RECORDED, 0, 0);
        }
        // The publisher's ledger reads run while the baseline judges: one round trip off the path to SNS.
        List<String> messageIds = new ArrayList<>();
        for (Finding f : findings) {
            messageIds.add(f.findingId());
            messageIds.add(f.findingId() + FindingPublisher.CHAT_SUFFIX);
        }
        ledger.readAhead(messageIds);
        DynamoBaselineStore store = new DynamoBaselineStore(dynamo, table, tuning.baseline().historyDays());
        Baselines.Judged judged = new Baselines(store, tuning.baseline(), rules).applyOrFailOpen(findings);
        // What this event teaches is written while the findings are published; the handler waits for it before it
        // returns (a failure there is logged: the findings were judged on what the table held).
        CompletableFuture<String> recording = judged.unavailable() == null ? store.flushAsync()
                : CompletableFuture.completedFuture(null);
        LocalDate today = LocalDate.now(clock);
        List<Finding> tuned = new ArrayList<>(judged.findings().size());
        for (Finding f : judged.findings()) {
            tuned.add(tuning.apply(f, today));
        }
        return new EventProcessor.Judgement(tuned, judged.unavailable(), recording, store.reads(), store.writes());
    }
}
