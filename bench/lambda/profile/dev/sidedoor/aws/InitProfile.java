package dev.sidedoor.aws;

import com.fasterxml.jackson.core.JsonFactory;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.crac.Core;
import org.crac.Resource;

/**
 * Bench-only profile of the sidedoor Lambda's cold path (bench/lambda-coldstart.sh PROFILE=1): the steps of
 * {@code new Handler()} and of the first {@code handleRequest}, in the same order, each timed. It sits in the
 * handler's package (put after the shaded jar on the class path; the jar is not sealed) so it can call the
 * package-private pieces without touching aws-lambda sources.
 *
 * <p>A probe runs first, before the rules load, to split out Jackson's own first-use cost (parsing "{}"); its
 * time is then not in "rules" / "engine". SnakeYAML is not on this path: the built-in rules load from the pack
 * composed at build time ({@code dev.sidedoor.core.sigma.RulePack}).
 *
 * <p>Usage: {@code java -cp sidedoor-lambda.jar:PROFILE_CLASSES dev.sidedoor.aws.InitProfile EVENT_FILE}. Prints one
 * line {@code profile step=ms step=ms ...} on stdout.
 */
public final class InitProfile {

    /** -Dprofile.parallel=true: the SNS publisher is built on a second thread, in parallel with the rules. */
    static final boolean PARALLEL = Boolean.getBoolean("profile.parallel");

    private final Map<String, Long> steps = new LinkedHashMap<>();
    private long last = System.nanoTime();

    private void mark(String step) {
        long now = System.nanoTime();
        steps.merge(step, now - last, Long::sum);
        last = now;
    }

    private static SnsApi publisher(Config config) {
        SnsApi api = SnsApi.create(config);
        SnsApi.prime();
        return api;
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        InitProfile p = new InitProfile();
        byte[] payload = Files.readAllBytes(Path.of(args[0]));
        p.mark("read_event");

        // --- init, as Handler() does it ---
        Config config = Config.fromEnvironment(System.getenv());
        p.mark("config");
        // As the Handler does it when true (steps then overlap); one after the other by default, to time each.
        CompletableFuture<SnsApi> parallelSns = PARALLEL
                ? CompletableFuture.supplyAsync(() -> publisher(config), runnable -> {
                    Thread t = new Thread(runnable, "sns-client-build");
                    t.setDaemon(true);
                    t.start();
                })
                : null;
        new JsonFactory().createParser("{}").nextToken();
        p.mark("jackson_first_use");
        // As the Handler: EventBridge delivers CloudTrail alone, so only the pack's CloudTrail rules are compiled.
        List<SigmaRule> rules = new ArrayList<>(BuiltInRules.loadFolders("aws"));
        p.mark("rules_load_compile");
        Engine engine = new Engine(rules, Tuning.none(), Clock.systemUTC());
        p.mark("engine");
        FindingMessages messages = new FindingMessages(config.shared().findingFormat(Version.current()));
        ChatNotification chat = new ChatNotification();
        EventProcessor processor = new EventProcessor(engine, config.minSeverity());
        p.mark("messages_chat_processor");
        SnsApi sns = PARALLEL ? parallelSns.join() : publisher(config);
        p.mark(PARALLEL ? "sns_client_join" : "sns_client_build");
        Telemetry telemetry = new Telemetry(System.out, Clock.systemUTC(), config.metricsNamespace(),
                config.functionName());
        new Priming(processor, messages, chat);
        telemetry.log("INFO", "sidedoor ready", Map.of("rules", engine.detector().rules().size()));
        p.mark("telemetry_ready_log");
        Core.getGlobalContext().register(new Resource() {
            @Override
            public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            }

            @Override
            public void afterRestore(org.crac.Context<? extends Resource> context) {
            }
        });
        p.mark("crac_register");
        long initNs = p.steps.values().stream().mapToLong(Long::longValue).sum();

        // --- first invocation, as handleRequest does it (no chat topic) ---
        EventProcessor.Outcome outcome = processor.process(payload);
        p.mark("process_event");
        List<SnsApi.Message> requests = new ArrayList<>();
        for (Finding f : outcome.toPublish()) {
            requests.add(messages.finding(config.topicArn(), f));
        }
        p.mark("render_messages");
        for (SnsApi.Message r : requests) {
            sns.publish(r);
        }
        p.mark("sns_first_publish");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_id", outcome.eventId());
        fields.put("published", outcome.toPublish().size());
        telemetry.log("INFO", "event processed", fields);
        telemetry.metrics(Map.of("Events", outcome.events(), "Published", (long) outcome.toPublish().size()));
        p.mark("report_log_metrics");
        long doneAt = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        StringBuilder b = new StringBuilder("profile");
        b.append(" elapsed=").append(doneAt - jvmStart);
        b.append(" jvm_to_main=").append(mainAt - jvmStart);
        b.append(" init_total=").append(Math.round(initNs / 1e6));
        for (Map.Entry<String, Long> e : p.steps.entrySet()) {
            b.append(' ').append(e.getKey()).append('=').append(Math.round(e.getValue() / 1e6));
        }
        b.append(" published=").append(requests.size());
        b.append(" parallel=").append(PARALLEL ? 1 : 0);
        System.out.println(b);
        System.out.flush();
        System.exit(0);
    }
}
