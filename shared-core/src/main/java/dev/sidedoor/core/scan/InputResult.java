package dev.sidedoor.core.scan;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.read.Rejection;
import java.util.ArrayList;
import java.util.List;

/**
 * What scanning one input produced.
 *
 * @param findings   findings after merging and tuning, suppressed ones included (check {@code suppressed()})
 * @param rejections the first rejections, with file and record, for messages (all are counted in stats)
 * @param stats      counts
 */
public record InputResult(List<Finding> findings, List<Rejection> rejections, ScanStats stats) {

    /**
     * The findings a publisher acts on.
     *
     * @param toPublish      live findings at or above the minimum severity, in order
     * @param suppressed     findings a tuning suppression silenced
     * @param belowThreshold live findings under the minimum severity
     */
    public record Triage(List<Finding> toPublish, int suppressed, int belowThreshold) {
    }

    /** Splits the findings into those to publish at {@code minSeverity}, the suppressed and the ones below it. */
    public Triage triage(Severity minSeverity) {
        return triage(findings, minSeverity);
    }

    /** The same split for findings judged since (a baseline lowers or raises severities). */
    public static Triage triage(List<Finding> findings, Severity minSeverity) {
        List<Finding> publish = new ArrayList<>();
        int suppressed = 0;
        int below = 0;
        for (Finding f : findings) {
            if (f.suppressed()) {
                suppressed++;
            } else if (f.severity().atLeast(minSeverity)) {
                publish.add(f);
            } else {
                below++;
            }
        }
        return new Triage(List.copyOf(publish), suppressed, below);
    }
}
