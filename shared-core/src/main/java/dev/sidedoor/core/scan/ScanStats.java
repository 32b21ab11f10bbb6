package dev.sidedoor.core.scan;

import java.util.Map;
import java.util.TreeMap;

/** Counts for one input or, added together, for a whole scan. Not thread-safe; merge per-input stats at the end. */
public final class ScanStats {

    private long records;
    private long events;
    private long bytes;
    private long findings;
    private long suppressed;
    private long superseded;
    private long foldedLogInSteps;
    private long clippedRecords;
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> rejected = new TreeMap<>();

    /** All counts zero. */
    public ScanStats() {
    }

    void record() {
        records++;
    }

    void event() {
        events++;
    }

    void finding(boolean isSuppressed) {
        findings++;
        if (isSuppressed) {
            suppressed++;
        }
    }

    void countSuperseded() {
        superseded++;
    }

    void countFoldedLogInSteps(long n) {
        foldedLogInSteps += n;
    }

    void countClippedRecord() {
        clippedRecords++;
    }

    /**
     * Records that had a string value longer than the reader keeps (a padded user agent): they were evaluated with
     * the value cut, and their findings say which field.
     */
    public long clippedRecords() {
        return clippedRecords;
    }

    /** Log-in steps (OS Login policy checks, 2-step exchanges) folded into the finding of their log-in. */
    public long foldedLogInSteps() {
        return foldedLogInSteps;
    }

    /** Findings left out because a more specific rule matched the same operation. */
    public long superseded() {
        return superseded;
    }

    void skipped(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    void rejected(String kind) {
        rejected.merge(kind, 1L, Long::sum);
    }

    public void addBytes(long n) {
        bytes += n;
    }

    public void add(ScanStats o) {
        records += o.records;
        events += o.events;
        bytes += o.bytes;
        findings += o.findings;
        suppressed += o.suppressed;
        superseded += o.superseded;
        foldedLogInSteps += o.foldedLogInSteps;
        clippedRecords += o.clippedRecords;
        o.skipped.forEach((k, v) -> skipped.merge(k, v, Long::sum));
        o.rejected.forEach((k, v) -> rejected.merge(k, v, Long::sum));
    }

    /** Records read (before recognition), including those skipped. */
    public long records() {
        return records;
    }

    /** Records recognised as CloudTrail, Azure or GCP audit events. */
    public long events() {
        return events;
    }

    public long bytes() {
        return bytes;
    }

    public long findings() {
        return findings;
    }

    public long suppressed() {
        return suppressed;
    }

    public Map<String, Long> skipped() {
        return Map.copyOf(skipped);
    }

    public Map<String, Long> rejected() {
        return Map.copyOf(rejected);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
