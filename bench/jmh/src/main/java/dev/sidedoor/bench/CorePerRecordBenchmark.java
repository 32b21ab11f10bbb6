package dev.sidedoor.bench;

import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per record through the whole core (read, normalise, all built-in rules, findings), on a CloudTrail S3 log
 * file of {@value #RECORDS} records: mostly benign API calls, hard negatives on ssm.amazonaws.com, and a few
 * positives. Reported as time per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CorePerRecordBenchmark {

    static final int RECORDS = 1000;

    private Engine engine;
    private byte[] s3File;
    private byte[] jsonLines;
    private byte[] allMatching;

    @Setup
    public void setup() {
        engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
        StringBuilder file = new StringBuilder("{\"Records\":[");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            String r = SampleRecords.record(i);
            file.append(i == 0 ? "" : ",").append(r);
            lines.append(r).append('\n');
        }
        file.append("]}");
        s3File = file.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder hot = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < RECORDS; i++) {
            hot.append(i == 0 ? "" : ",").append(SampleRecords.record(i - i % 100 + 7));
        }
        allMatching = hot.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        jsonLines = lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public InputResult s3LogFile() throws IOException {
        return engine.scan(new ByteArrayInputStream(s3File), "bench.json");
    }

    /** The worst case: every record matches a rule, so every one is built, normalised and fully evaluated. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public InputResult everyRecordMatches() throws IOException {
        return engine.scan(new ByteArrayInputStream(allMatching), "hot.json");
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public InputResult jsonLines() throws IOException {
        return engine.scan(new ByteArrayInputStream(jsonLines), "bench.jsonl");
    }
}
