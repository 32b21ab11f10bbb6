package dev.sidedoor.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.microsoft.azure.functions.ExecutionContext;
import dev.sidedoor.core.scan.FunctionEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * Records per second per core through the Azure Function: {@link ActivityLogFunction#run} called as the Functions
 * worker calls it, with Event Hubs batches of {@value #EVENTS_PER_BATCH} events (host.json maxEventBatchSize) of
 * {@value #RECORDS_PER_EVENT} Activity Log records each, from {@link ActivityLogSamples}. Findings go to Event Grid
 * for real: the production clients (azure-core on the JDK HttpClient, bearer token, retry policy) over TLS to a
 * local HTTPS endpoint that answers 200 at once. Only the token source and the endpoint are stand-ins.
 *
 * <p>One benchmark thread, so the score is per core: records per second (operations are records). The second
 * benchmark runs the same batches through {@link BatchProcessor#process} alone (read, detect, merge; no CloudEvents,
 * no HTTP, no log line), which shows what publishing costs. After each iteration the CPU time every thread spent is
 * printed per record: the HTTP client's own threads do part of the TLS work, and the local endpoint's thread is not
 * part of the function at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 8, time = 5)
@Fork(1)
@Threads(1)
public class AzureFunctionBenchmark {

    static final int EVENTS_PER_BATCH = 100;
    static final int RECORDS_PER_EVENT = 50;
    static final int RECORDS_PER_BATCH = 5000;
    /** Distinct batches, cycled, so no single batch's layout is what gets measured. */
    static final int BATCHES = 4;
    static final long SEED = 20261118L;

    private LocalTopic topic;
    private ActivityLogFunction function;
    private BatchHandler handler;
    private BatchProcessor processor;
    private Batch[] batches;
    private long[] publishedPerBatch;
    private TestContext context;
    private long logged;
    private int next;
    private long calls;
    private long expectedEvents;
    private CpuSnapshot snapshot;

    /** One Event Hubs batch as the worker binds it. */
    record Batch(String[] events, Map<String, Object> partitionContext, Map<String, Object>[] systemProperties,
            List<String> bodies, List<EventPosition> positions) {
        void runOn(ActivityLogFunction f, ExecutionContext context) {
            f.run(events, partitionContext, systemProperties, context);
        }
    }

    @Setup
    public void setup() throws Exception {
        if (RECORDS_PER_BATCH != EVENTS_PER_BATCH * RECORDS_PER_EVENT) {
            throw new IllegalStateException("RECORDS_PER_BATCH must be EVENTS_PER_BATCH * RECORDS_PER_EVENT");
        }
        topic = LocalTopic.start();
        Map<String, String> env = new HashMap<>();
        env.put("SIDEDOOR_EVENTGRID_ENDPOINT", topic.endpoint().toString());
        // Never contacted: a benign batch has nothing to dead-letter (checked below). The discard port refuses
        // connections, so a dead letter would fail the run loudly rather than go anywhere.
        env.put("SIDEDOOR_DEADLETTER_BLOB_URI", "https://127.0.0.1:9");
        env.put("SIDEDOOR_DEADLETTER_CONTAINER", "sidedoor-deadletter");
        Config config = Config.fromEnvironment(env);
        TokenCredential token = new StaticToken();
        HttpClient http = AzureClients.httpClient(topic.clientBuilder());
        handler = BatchHandler.create(config, token, http, AzureClients.BASE_DELAY, Clock.systemUTC());
        function = new ActivityLogFunction(() -> handler, env, new Unprocessed.Clients() {
            @Override
            public TokenCredential credential(String identityClientId) {
                return token;
            }

            @Override
            public HttpClient http() {
                return http;
            }
        });
        processor = new BatchProcessor(FunctionEngine.build(null, null, Clock.systemUTC()),
                config.shared().minSeverity());
        // An id and a logger at INFO, as host.json sets for the function, so the summary line is built and logged;
        // the sink only counts it (the worker would ship it to the host).
        context = new TestContext("5f0c2a7e-3b9d-4e81-a6c4-2d7e1f9b3a50", line -> logged += line.message().length());

        ActivityLogSamples samples = new ActivityLogSamples(SEED);
        batches = new Batch[BATCHES];
        int[] sizes = new int[BATCHES * RECORDS_PER_BATCH];
        long totalSize = 0;
        List<String> all = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<String> records = samples.next(RECORDS_PER_BATCH);
            all.addAll(records);
            batches[b] = batch(String.valueOf(b % 4), 100_000L * b, ActivityLogSamples.events(records,
                    RECORDS_PER_EVENT));
        }
        for (int i = 0; i < all.size(); i++) {
            sizes[i] = all.get(i).getBytes(StandardCharsets.UTF_8).length;
            totalSize += sizes[i];
        }
        Arrays.sort(sizes);
        String dump = System.getProperty("sidedoor.bench.dump");
        if (dump != null) {
            // -Dsidedoor.bench.dump=FILE (with -jvmArgsAppend): every record of the mix, one per line.
            Files.write(Path.of(dump), all, StandardCharsets.UTF_8);
        }
        System.out.printf("%nmix: %d operations (%d reaching into a VM) in %d records; record bytes: min %d, p5 %d, "
                + "median %d, mean %d, p95 %d, max %d; %d events of %d records per batch, %.1f MB per batch%n",
                samples.totalOperations(), samples.accessOperations(), sizes.length, sizes[0],
                sizes[sizes.length / 20], sizes[sizes.length / 2], totalSize / sizes.length,
                sizes[sizes.length * 19 / 20], sizes[sizes.length - 1], EVENTS_PER_BATCH, RECORDS_PER_EVENT,
                totalSize / (double) BATCHES / 1e6);
        samples.operations().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));

        // What each batch does, checked, so the benchmark measures what it says.
        publishedPerBatch = new long[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            Batch batch = batches[b];
            long before = topic.events.get();
            BatchHandler.Report report = handler.handle(batch.bodies(), batch.positions(), "trial-" + b,
                    context.getLogger());
            BatchProcessor.Outcome o = report.outcome();
            check(o.records() == RECORDS_PER_BATCH, "records read: " + o.records());
            check(o.rejectedRecords() == 0 && o.unreadable().isEmpty(), "rejected records: " + o.rejectedRecords());
            check(report.deadLetterBlobs().isEmpty() && report.unpublished() == 0, "dead letters: "
                    + report.deadLetterBlobs());
            check(report.published() > 0, "batch " + b + " published nothing");
            check(topic.events.get() - before == report.published(), "the endpoint received "
                    + (topic.events.get() - before) + " CloudEvents, the function published " + report.published());
            publishedPerBatch[b] = report.published();
            Map<String, Long> rules = new TreeMap<>();
            o.toPublish().forEach(f -> rules.merge(f.rule().name(), 1L, Long::sum));
            System.out.printf("batch %d: %d records, %d audit events, %d ignored, %d findings published %s, "
                    + "%d below medium, %d suppressed%n", b, o.records(), o.auditEvents(),
                    o.ignored().values().stream().mapToLong(Long::longValue).sum(), report.published(), rules,
                    o.belowThreshold(), o.suppressed());
            // And through the function method: the same CloudEvents again, nothing else.
            before = topic.events.get();
            long requestsBefore = topic.requests.get();
            batch.runOn(function, context);
            check(topic.events.get() - before == report.published(), "function method published "
                    + (topic.events.get() - before));
            System.out.printf("         %d Event Grid request(s) per batch%n", topic.requests.get() - requestsBefore);
            BatchProcessor.Outcome alone = processor.process(batch.bodies(), batch.positions());
            check(alone.toPublish().size() == o.toPublish().size(), "BatchProcessor alone found "
                    + alone.toPublish().size());
        }
        check(topic.rejected.get() == 0, "the endpoint refused " + topic.rejected.get() + " requests");
        expectedEvents = topic.events.get();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Batch batch(String partition, long firstSequence, String[] bodies) {
        Map<String, Object>[] props = new Map[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            Map<String, Object> p = new HashMap<>();
            // The worker hands these over as JSON: numbers arrive as doubles.
            p.put("SequenceNumber", (double) (firstSequence + i));
            p.put("Offset", String.valueOf(4_294_967_296L + 131_072L * (firstSequence + i)));
            p.put("EnqueuedTimeUtc", "2026-11-18T10:31:" + String.format("%02d", i % 60) + ".512Z");
            p.put("PartitionKey", null);
            props[i] = p;
        }
        Map<String, Object> partitionContext = Map.of("PartitionId", partition, "ConsumerGroup", "sidedoor",
                "EventHubName", "insights-activity-logs", "FullyQualifiedNamespace",
                "evhns-sidedoor.servicebus.windows.net");
        List<EventPosition> positions = new ArrayList<>(bodies.length);
        for (int i = 0; i < bodies.length; i++) {
            positions.add(EventPosition.of(partitionContext, props, i));
        }
        return new Batch(bodies, partitionContext, props, Arrays.asList(bodies), positions);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("benchmark setup: " + message);
        }
    }

    /** The function method, as the worker calls it: detect, CloudEvents, publish over HTTPS, log the summary. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_BATCH)
    public void functionMethod() {
        int b = next;
        next = (b + 1) % BATCHES;
        batches[b].runOn(function, context);
        expectedEvents += publishedPerBatch[b];
        calls++;
    }

    /** The same batches through BatchProcessor.process only: read, normalise, all rules, merge. No publishing. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_BATCH)
    public BatchProcessor.Outcome batchProcessorOnly() {
        int b = next;
        next = (b + 1) % BATCHES;
        calls++;
        return processor.process(batches[b].bodies(), batches[b].positions());
    }

    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    public void startIteration() {
        calls = 0;
        snapshot = CpuSnapshot.take();
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void endIteration() {
        CpuSnapshot end = CpuSnapshot.take();
        long records = calls * RECORDS_PER_BATCH;
        if (records == 0) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("%n  cpu ns/record: process %.0f (wall %.0f) =", (end.process - snapshot.process)
                / (double) records, (end.wall - snapshot.wall) / (double) records));
        Map<String, Long> delta = new TreeMap<>();
        end.threads.forEach((id, t) -> {
            long before = snapshot.threads.containsKey(id) ? snapshot.threads.get(id).cpu : 0;
            delta.merge(t.group, t.cpu - before, Long::sum);
        });
        delta.entrySet().stream().filter(e -> e.getValue() * 1000 / records >= 5)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(" %s %.0f;", e.getKey(), e.getValue() / (double) records)));
        long javaThreads = delta.values().stream().mapToLong(Long::longValue).sum();
        b.append(String.format(" GC and JIT (not Java threads) %.0f%n", (end.process - snapshot.process
                - javaThreads) / (double) records));
        System.out.print(b);
    }

    @TearDown
    public void tearDown() throws Exception {
        try {
            check(topic.rejected.get() == 0, "the endpoint refused " + topic.rejected.get() + " requests");
            check(topic.events.get() == expectedEvents, "the endpoint received " + topic.events.get()
                    + " CloudEvents, expected " + expectedEvents);
        } finally {
            topic.close();
        }
    }

    /** Per-thread and process CPU time, for the per-record breakdown printed after each iteration. */
    private record CpuSnapshot(long wall, long process, Map<Long, ThreadCpu> threads) {
        record ThreadCpu(String group, long cpu) {
        }

        static CpuSnapshot take() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<Long, ThreadCpu> threads = new HashMap<>();
            for (long id : mx.getAllThreadIds()) {
                ThreadInfo info = mx.getThreadInfo(id);
                long cpu = mx.getThreadCpuTime(id);
                if (info != null && cpu >= 0) {
                    threads.put(id, new ThreadCpu(group(info.getThreadName()), cpu));
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new CpuSnapshot(System.nanoTime(), process, threads);
        }

        private static String group(String name) {
            if (name.contains("-jmh-worker-")) {
                return "benchmark-thread";
            }
            return name.replaceAll("\\d+", "#").replace(' ', '_');
        }
    }

    /** Stands in for the managed identity: one bearer token, an hour long, like Entra ID's. */
    static final class StaticToken implements TokenCredential {
        private final AccessToken token = new AccessToken("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
                + "eyJhdWQiOiJodHRwczovL2V2ZW50Z3JpZC5henVyZS5uZXQifQ.c2lkZWRvb3I", OffsetDateTime.now().plusHours(1));

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.just(token);
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            return token;
        }
    }
}
