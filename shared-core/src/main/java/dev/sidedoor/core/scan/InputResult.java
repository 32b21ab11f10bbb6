package dev.sidedoor.core.scan;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.Rejection;
import java.util.List;

/**
 * What scanning one input produced.
 *
 * @param findings   findings after merging and tuning, suppressed ones included (check {@code suppressed()})
 * @param rejections the first rejections, with file and record, for messages (all are counted in stats)
 * @param stats      counts
 */
public record InputResult(List<Finding> findings, List<Rejection> rejections, ScanStats stats) {
}
