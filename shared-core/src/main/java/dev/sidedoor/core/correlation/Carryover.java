package dev.sidedoor.core.correlation;

import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.output.FindingFormat;
import dev.sidedoor.core.output.FindingReader;
import dev.sidedoor.core.output.JsonText;
import dev.sidedoor.core.read.JsonTrees;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Correlations across runs. A chain enabled on Monday and used on Tuesday is one correlation whether the two days
 * are scanned together or one per run: each run keeps, in the state, the recent findings a correlation may still
 * need (those within reach of the last event), and the next run evaluates them with its own. A correlation that
 * such an earlier finding completes was already reported by the earlier run, so only those completed by this
 * run's findings are returned; a rescan of the same logs returns what the first scan returned.
 */
public final class Carryover {

    static final String KEY = "\u0000correlations\u0000carried";
    /** Findings kept for the next run; a burst of thousands keeps its latest. */
    static final int MAX_KEPT = 5_000;

    private final Correlations correlations;
    private final BaselineStore store;
    private final JsonTrees trees;

    public Carryover(Correlations correlations, BaselineStore store, JsonTrees trees) {
        this.correlations = correlations;
        this.store = store;
        this.trees = trees;
    }

    /** The correlated findings this run's findings complete, earlier runs' findings included in the count. */
    public List<Finding> evaluate(List<Finding> findings) {
        Set<String> ids = new HashSet<>();
        for (Finding f : findings) {
            ids.add(f.findingId());
        }
        List<Finding> input = new ArrayList<>();
        Set<String> carriedEvents = new HashSet<>();
        for (Finding f : carried()) {
            if (ids.add(f.findingId())) {
                input.add(f);
                carriedEvents.add(f.event().id());
            }
        }
        input.addAll(findings);
        List<Finding> out = new ArrayList<>();
        List<Finding> correlated = correlations.evaluate(input);
        for (Finding c : correlated) {
            if (!carriedEvents.contains(c.event().id())) {
                out.add(c);
            }
        }
        List<Finding> all = new ArrayList<>(input);
        all.addAll(correlated);
        keep(all);
        return out;
    }

    private static Finding withoutCommandText(Finding f) {
        if (java.util.Collections.disjoint(f.context().keySet(), dev.sidedoor.core.finding.Secrets.COMMAND_KEYS)) {
            return f;
        }
        java.util.Map<String, String> context = new java.util.LinkedHashMap<>(f.context());
        context.keySet().removeAll(dev.sidedoor.core.finding.Secrets.COMMAND_KEYS);
        return new Finding(f.findingId(), f.rule(), f.severity(), f.techniques(), f.tactics(), f.provider(),
                f.event(), f.actor(), f.target(), f.sourceIp(), f.account(), f.region(), f.userAgent(), f.summary(),
                context, f.suppression(), f.notes(), f.baseline(), f.origin());
    }

    private List<Finding> carried() {
        String text = store.text(KEY);
        List<Finding> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            try {
                Finding f = FindingReader.read(trees.parse(line));
                if (f != null) {
                    out.add(f);
                }
            } catch (java.io.IOException | RuntimeException unreadable) {
                // A damaged line costs only itself: the next run counts without it.
            }
        }
        return out;
    }

    private void keep(List<Finding> all) {
        long latest = -1;
        long tomorrow = System.currentTimeMillis() + 86_400_000L;
        for (Finding f : all) {
            long t = EventTimes.epochMillis(f.event().time());
            // A record dated in the future must not push every real finding out of reach.
            if (t <= tomorrow) {
                latest = Math.max(latest, t);
            }
        }
        long from = latest - correlations.reachMillis();
        List<Finding> kept = new ArrayList<>();
        for (Finding f : all) {
            long t = EventTimes.epochMillis(f.event().time());
            if (t >= 0 && t >= from && f.rule() != null && correlations.refersTo(f.rule().id())) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingLong((Finding f) -> EventTimes.epochMillis(f.event().time()))
                .thenComparing(Finding::findingId));
        if (kept.size() > MAX_KEPT) {
            kept = kept.subList(kept.size() - MAX_KEPT, kept.size());
        }
        FindingFormat json = FindingFormat.sidedoor();
        StringBuilder b = new StringBuilder();
        for (Finding f : kept) {
            // The state keeps what grouping needs, not command text (which --command-text full would keep whole).
            Finding lean = withoutCommandText(f);
            b.append(b.length() == 0 ? "" : "\n").append(JsonText.write(g -> json.write(lean, g)));
        }
        store.putText(KEY, b.length() == 0 ? null : b.toString());
    }
}
